"""The composed pages: home, an edition's archive, the editions list, search sources.

Each asks every feature app through the contract in `knowvember.features`; none names one.
"""

from knowvember.features import TodoItem, collect_sections, providers
from knowvember.search import SearchSource


def home_sections(campaign, user) -> dict:
    return collect_sections("home", campaign, user)


def edition_sections(campaign, user) -> dict:
    return collect_sections("archive", campaign, user)


def edition_counts(campaigns) -> dict[int, dict[str, int]]:
    """{campaign pk: {"event": n, "session": n, "pledge": n}}, one query per feature."""
    counts: dict[int, dict[str, int]] = {campaign.pk: {} for campaign in campaigns}
    for _config, provider in providers("edition_counts"):
        for campaign_pk, values in provider(campaigns).items():
            counts.setdefault(campaign_pk, {}).update(values)
    return counts


def search_sources() -> list[SearchSource]:
    return [provider() for _config, provider in providers("search")]


def dashboard_panels(request) -> list[str]:
    return [provider(request) for _config, provider in providers("dashboard")]


def admin_todo(campaign, user) -> list[TodoItem]:
    """The organisers' to-do list for the admin home: every feature's items, in their order.

    Failed emails (the outbox, issue 13) join here by declaring `admin_todo` on the Feature of
    the app that owns the outbox; nothing in this function needs to change.
    """
    items: list[TodoItem] = []
    for _config, provider in providers("admin_todo"):
        items += provider(campaign, user)
    return sorted(items, key=lambda item: item.order)
