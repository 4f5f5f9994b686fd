import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pledges.models import Pledge, TeamMember
from tests.composed import section_value
from tests.events.factories import EventFactory
from tests.factories import CampaignFactory, RegionFactory, UserFactory
from tests.news.factories import PostFactory
from tests.pledges.factories import CompletedPledgeFactory, PledgeFactory
from tests.showcases.factories import RecordingFactory, ShowcaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def current():
    return CampaignFactory(name="KNOWvember26", year=2026, is_current=True)


def fill_home(campaign, count):
    """`count` items of every kind the home page shows, plus hidden ones it must not."""
    for n in range(count):
        EventFactory(campaign=campaign, title=f"Upcoming event {n}")
        PledgeFactory(campaign=campaign, title=f"Approved pledge {n}")
        RecordingFactory(showcase=ShowcaseFactory(title=f"Recorded session {n}"))
        PostFactory(campaign=campaign, title=f"News post {n}", tags=["events"])
    EventFactory(campaign=campaign, title="Draft event", is_published=False)
    EventFactory(
        campaign=campaign,
        title="Finished event",
        starts_at=timezone.now() - datetime.timedelta(days=3),
        ends_at=timezone.now() - datetime.timedelta(days=3, hours=-2),
    )
    PledgeFactory(campaign=campaign, title="Pending pledge", status=Pledge.Status.PENDING)
    ShowcaseFactory(title="Unrecorded session")


@pytest.mark.parametrize("count", [1, 3])
def test_home_shows_next_events_latest_pledges_and_recordings_in_constant_queries(
    client, current, count, django_assert_num_queries
):
    fill_home(current, count)

    # News adds two: the latest posts and their tags.
    with django_assert_num_queries(8):
        response = client.get(reverse("home"))

    page = response.content.decode()
    for n in range(count):
        assert f"Upcoming event {n}" in page
        assert f"Approved pledge {n}" in page
        assert f"Recorded session {n}" in page
    for hidden in ["Draft event", "Finished event", "Pending pledge", "Unrecorded session"]:
        assert hidden not in page


def test_home_shows_at_most_three_of_each_newest_first(client, current):
    fill_home(current, 5)

    response = client.get(reverse("home"))

    assert [e.title for e in section_value(response, "next_events")] == [
        "Upcoming event 0",
        "Upcoming event 1",
        "Upcoming event 2",
    ]
    assert len(section_value(response, "latest_pledges")) == 3
    assert len(section_value(response, "latest_recordings")) == 3


def test_home_counts_the_current_editions_pledges_people_completions_and_regions(client, current):
    london, north_west = RegionFactory(slug="london"), RegionFactory(slug="north-west")
    PledgeFactory.create_batch(2, campaign=current, region=london)
    team = CompletedPledgeFactory(campaign=current, region=north_west, team_name="Library team")
    TeamMember.objects.create(pledge=team, user=UserFactory(), status=TeamMember.Status.ACCEPTED)
    TeamMember.objects.create(pledge=team, email="invited@example.nhs.uk")  # not counted yet
    PledgeFactory(campaign=current, region=london, status=Pledge.Status.REJECTED)
    PledgeFactory(campaign=CampaignFactory(year=2020), region=north_west)

    counters = section_value(client.get(reverse("home")), "counters")

    assert counters == {"pledges": 3, "people": 4, "completed": 1, "regions": 2}
    assert "People pledging" in client.get(reverse("home")).content.decode()


def test_home_calls_people_to_pledge_and_to_join_the_community(client, current):
    page = client.get(reverse("home")).content.decode()

    assert reverse("pledges:create") in page
    assert reverse("community:signup") in page
