"""Pledges in site search: approved ones only, never their authors."""

from knowvember.search import SearchSource
from pledges.models import Pledge

# Short related fields, turned into a search vector per query (not in the stored document).
LIVE_WEIGHTS = {"activity__name": "B"}


def search_source() -> SearchSource:
    return SearchSource(
        kind="pledge",
        label="Pledge",
        label_plural="Pledges",
        queryset=Pledge.objects.on_wall,
        fields=Pledge.SEARCH_WEIGHTS | LIVE_WEIGHTS,
        documents={"search_document": None, "activity__search_document": "B"},
        names=("title", "activity__name"),
        snippets=("text",),
        date="created_at",
        # One person's near-identical pledges: the best stays, the others sink.
        variants_of="author",
        to_result=lambda pledge: {"url": pledge.get_absolute_url(), "date": pledge.created_at},
    )
