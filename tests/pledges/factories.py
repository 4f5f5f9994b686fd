import datetime

import factory

from pledges.models import Activity, Pledge
from tests.factories import CampaignFactory, RegionFactory, UserFactory


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Technique {n}")
    slug = factory.Sequence(lambda n: f"technique-{n}")
    stage = Activity.Stage.DURING
    description = "A way of sharing what people know."


class PledgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pledge

    author = factory.SubFactory(UserFactory)
    campaign = factory.SubFactory(CampaignFactory)
    activity = factory.SubFactory(ActivityFactory)
    title = factory.Sequence(lambda n: f"Run knowledge café number {n}")
    text = "Bring the ward team together for a conversation about discharge planning."
    target_month = datetime.date(2026, 11, 1)
    effort = Pledge.Effort.SMALL
    organisation = "Example NHS Foundation Trust"
    region = factory.SubFactory(RegionFactory)
    status = Pledge.Status.APPROVED


class CompletedPledgeFactory(PledgeFactory):
    """An approved pledge that happened, with approved After Action Review lessons."""

    outcome = Pledge.Outcome.DONE
    aar_planned = "Twelve colleagues would meet for an hour."
    aar_actual = "Eight came; the conversation ran over time."
    aar_difference = "Winter pressures kept people on the wards."
    aar_next = "Run it at lunchtime and send the invitation earlier."
    lessons_status = Pledge.LessonsStatus.APPROVED
    lessons_moderated_at = factory.LazyFunction(
        lambda: datetime.datetime(2026, 12, 5, 12, tzinfo=datetime.UTC)
    )
