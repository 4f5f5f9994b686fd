"""Pledges in site search: approved ones only, never their authors."""

from knowvember.search import SearchSource
from pledges.models import Pledge


def search_source() -> SearchSource:
    return SearchSource(
        kind="Pledge",
        queryset=Pledge.objects.on_wall,
        fields={"title": "A", "activity__name": "B", "text": "C"},
        documents=("search_document",),
        live_fields={"activity__name": "B"},
        to_result=lambda pledge: {
            "title": pledge.title,
            "url": pledge.get_absolute_url(),
            "summary": pledge.text,
            "date": pledge.created_at,
        },
    )
