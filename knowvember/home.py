"""What the home page shows of each feature app, through their public querysets.

A fixed number of queries whatever the amount of content: one aggregate for the counters,
one query each for events and pledges, two for recordings (sessions plus their speakers).
"""

from django.db.models import Count

from events.models import Event
from pledges.models import Pledge
from showcases.models import Showcase

HOME_ITEMS = 3


def pledge_counters(campaign) -> dict:
    return (
        Pledge.objects.on_wall()
        .filter(campaign=campaign)
        .aggregate(
            pledges=Count("pk"),
            completed=Count("pk", filter=Pledge.carried_out_q()),
            regions=Count("region", distinct=True),
        )
    )


def home_sections(campaign, user) -> dict:
    return {
        "counters": pledge_counters(campaign),
        "next_events": list(
            Event.objects.published()
            .upcoming()
            .select_related("campaign", "region")
            .with_place_counts()
            .with_user_status(user)[:HOME_ITEMS]
        ),
        "latest_pledges": list(Pledge.objects.on_wall()[:HOME_ITEMS]),
        "latest_recordings": list(
            Showcase.objects.for_list()
            .filter(recording__isnull=False)
            .order_by("-starts_at", "-pk")[:HOME_ITEMS]
        ),
    }
