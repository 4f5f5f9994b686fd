"""What an edition's archive page shows of each feature app, in a fixed number of queries."""

from events.models import Event
from knowvember.home import pledge_counters
from pledges.models import Pledge
from pledges.stats import edition_statistics
from showcases.models import Showcase

ARCHIVE_PLEDGES = 6
# An edition's archive shows this many events and sessions, then links to the filtered list.
ARCHIVE_ITEMS = 12


def first_items(queryset, limit=ARCHIVE_ITEMS):
    """Up to `limit` rows, and whether there are more, in one query (no COUNT)."""
    rows = list(queryset[: limit + 1])
    return rows[:limit], len(rows) > limit


def edition_sections(campaign, user) -> dict:
    events, more_events = first_items(
        Event.objects.published()
        .filter(campaign=campaign)
        .listing()
        .with_place_counts()
        .with_user_status(user)
    )
    showcases, more_showcases = first_items(Showcase.objects.for_list().filter(campaign=campaign))
    return {
        "events": events,
        "more_events": more_events,
        "showcases": showcases,
        "more_showcases": more_showcases,
        "pledges": list(Pledge.objects.on_wall().filter(campaign=campaign)[:ARCHIVE_PLEDGES]),
        "counters": pledge_counters(campaign),
        "stats": edition_statistics(campaign),
    }
