"""What an edition's archive page shows of each feature app, in a fixed number of queries."""

from django.db.models import Count

from events.models import Event
from knowvember.home import pledge_counters
from knowvember.models import Campaign
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


def _count_by_edition(queryset) -> dict:
    return dict(queryset.order_by().values_list("campaign").annotate(n=Count("pk")))


def editions_with_counts() -> list:
    """Every edition, newest first, with its public events, sessions and pledges counted.

    Four queries whatever the number of editions: the editions, then one count per feature app.
    """
    editions = list(Campaign.objects.order_by("-year"))
    events = _count_by_edition(Event.objects.published())
    sessions = _count_by_edition(Showcase.objects.published())
    pledges = _count_by_edition(Pledge.objects.on_wall())
    for edition in editions:
        edition.event_count = events.get(edition.pk, 0)
        edition.session_count = sessions.get(edition.pk, 0)
        edition.pledge_count = pledges.get(edition.pk, 0)
    return editions
