"""What an edition's archive page shows of each feature app, in a fixed number of queries."""

from events.models import Event
from knowvember.home import pledge_counters
from pledges.models import Pledge
from pledges.stats import edition_statistics
from showcases.models import Showcase

ARCHIVE_PLEDGES = 6


def edition_sections(campaign, user) -> dict:
    return {
        "events": list(
            Event.objects.published()
            .filter(campaign=campaign)
            .listing()
            .with_place_counts()
            .with_user_status(user)
        ),
        "showcases": list(Showcase.objects.for_list().filter(campaign=campaign)),
        "pledges": list(Pledge.objects.on_wall().filter(campaign=campaign)[:ARCHIVE_PLEDGES]),
        "counters": pledge_counters(campaign),
        "stats": edition_statistics(campaign),
    }
