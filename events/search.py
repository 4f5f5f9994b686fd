"""Events in site search: published ones only."""

from events.models import Event
from knowvember.search import SearchSource

# Short related fields, turned into a search vector per query (not in the stored document).
LIVE_WEIGHTS = {"region__name": "C"}


def search_source() -> SearchSource:
    return SearchSource(
        kind="Event",
        queryset=lambda: Event.objects.published().select_related("region"),
        fields=Event.SEARCH_WEIGHTS | LIVE_WEIGHTS,
        documents=("search_document",),
        live_fields=LIVE_WEIGHTS,
        to_result=lambda event: {
            "title": event.title,
            "url": event.get_absolute_url(),
            "summary": event.description,
            "date": event.starts_at,
        },
    )
