"""What the events app shows on the home page, an edition's page and the editions list."""

from django.db.models import Count

from events.models import Event
from knowvember.features import Section
from knowvember.lists import first_items

HOME_EVENTS = 3
ARCHIVE_EVENTS = 12


def home_section(campaign, user) -> Section:
    """The next few published events, with places left and the person's own status."""
    events = list(
        Event.objects.published()
        .upcoming()
        .select_related("campaign", "region")
        .with_place_counts()
        .with_user_status(user)[:HOME_EVENTS]
    )
    return Section("events/_home_section.html", {"next_events": events}, order=10)


def archive_section(campaign, user) -> Section:
    """An edition's first events, then a link to the filtered list."""
    events, more = first_items(
        Event.objects.published()
        .filter(campaign=campaign)
        .listing()
        .with_place_counts()
        .with_user_status(user),
        ARCHIVE_EVENTS,
    )
    return Section(
        "events/_archive_section.html",
        {"campaign": campaign, "events": events, "more_events": more},
        order=10,
        title="Events",
        anchor="events",
    )


def edition_counts(campaigns) -> dict[int, dict[str, int]]:
    """Published events per edition, in one query."""
    rows = (
        Event.objects.published()
        .filter(campaign__in=campaigns)
        .order_by()
        .values("campaign")
        .annotate(count=Count("pk"))
    )
    return {row["campaign"]: {"event": row["count"]} for row in rows}
