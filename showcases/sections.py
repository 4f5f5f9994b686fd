"""What the showcases app shows on the home page, an edition's page and the editions list."""

from django.db.models import Count

from knowvember.features import Section
from knowvember.lists import first_items
from showcases.models import Showcase

HOME_RECORDINGS = 3
ARCHIVE_SESSIONS = 12


def home_section(campaign, user) -> Section:
    """The latest sessions that have a recording."""
    recordings = list(
        Showcase.objects.for_list()
        .filter(recording__isnull=False)
        .order_by("-starts_at", "-pk")[:HOME_RECORDINGS]
    )
    return Section("showcases/_home_section.html", {"latest_recordings": recordings}, order=30)


def archive_section(campaign, user) -> Section:
    """An edition's first sessions, then a link to the filtered list."""
    showcases, more = first_items(
        Showcase.objects.for_list().filter(campaign=campaign), ARCHIVE_SESSIONS
    )
    return Section(
        "showcases/_archive_section.html",
        {"campaign": campaign, "showcases": showcases, "more_showcases": more},
        order=20,
        title="Showcases, interviews and chats",
        anchor="showcases",
    )


def edition_counts(campaigns) -> dict[int, dict[str, int]]:
    """Published sessions per edition, in one query."""
    rows = (
        Showcase.objects.published()
        .filter(campaign__in=campaigns)
        .order_by()
        .values("campaign")
        .annotate(count=Count("pk"))
    )
    return {row["campaign"]: {"session": row["count"]} for row in rows}
