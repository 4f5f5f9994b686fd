"""Pledges in site search: approved ones only, never their authors."""

from knowvember.search import SearchSource
from pledges.models import Pledge

# Short related fields, turned into a search vector per query (not in the stored document).
LIVE_WEIGHTS = {"activity__name": "B"}


def search_source() -> SearchSource:
    return SearchSource(
        kind="Pledge",
        queryset=Pledge.objects.on_wall,
        fields=Pledge.SEARCH_WEIGHTS | LIVE_WEIGHTS,
        documents=("search_document",),
        live_fields=LIVE_WEIGHTS,
        to_result=lambda pledge: {
            "title": pledge.title,
            "url": pledge.get_absolute_url(),
            "summary": pledge.text,
            "date": pledge.created_at,
        },
    )
