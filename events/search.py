"""Events in site search: published ones only."""

from events.models import Event
from knowvember.search import SearchSource


def search_source() -> SearchSource:
    return SearchSource(
        kind="Event",
        queryset=lambda: Event.objects.published().select_related("region"),
        fields={"title": "A", "hashtag": "A", "description": "B", "region__name": "C"},
        documents=("search_document",),
        live_fields={"region__name": "C"},
        to_result=lambda event: {
            "title": event.title,
            "url": event.get_absolute_url(),
            "summary": event.description,
            "date": event.starts_at,
        },
    )
