"""What the pledges app shows on the home page, an edition's page and the editions list."""

from django.db.models import Count

from knowvember.features import Section
from pledges.models import Pledge
from pledges.stats import edition_statistics

HOME_PLEDGES = 3
ARCHIVE_PLEDGES = 6


def pledge_counters(campaign) -> dict:
    """An edition's pledges on the wall, those carried out, the people behind them and the
    regions they come from."""
    return Pledge.objects.on_wall().filter(campaign=campaign).totals()


def home_section(campaign, user) -> list[Section]:
    """The edition's counters under the heading, and the latest pledges further down."""
    return [
        Section(
            "pledges/_home_counters.html",
            {"campaign": campaign, "counters": pledge_counters(campaign)},
            order=20,
            slot="lead",
        ),
        Section(
            "pledges/_home_section.html",
            {
                "campaign": campaign,
                "latest_pledges": list(Pledge.objects.on_wall()[:HOME_PLEDGES]),
            },
            order=20,
        ),
    ]


def archive_section(campaign, user) -> Section:
    """An edition's counters, first pledges and region statistics."""
    return Section(
        "pledges/_archive_section.html",
        {
            "campaign": campaign,
            "counters": pledge_counters(campaign),
            "pledges": list(Pledge.objects.on_wall().filter(campaign=campaign)[:ARCHIVE_PLEDGES]),
            "stats": edition_statistics(campaign),
        },
        order=30,
        title="Pledges",
        anchor="pledges",
    )


def edition_counts(campaigns) -> dict[int, dict[str, int]]:
    """Pledges on the wall per edition, in one query."""
    rows = (
        Pledge.objects.on_wall()
        .filter(campaign__in=campaigns)
        .order_by()
        .values("campaign")
        .annotate(count=Count("pk"))
    )
    return {row["campaign"]: {"pledge": row["count"]} for row in rows}
