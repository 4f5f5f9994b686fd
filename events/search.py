"""Events in site search: published ones only."""

from events.models import Event
from knowvember.search import SearchSource

# Short related fields, turned into a search vector per query (not in the stored document).
LIVE_WEIGHTS = {"region__name": "C"}


def search_source() -> SearchSource:
    return SearchSource(
        kind="event",
        label="Event",
        label_plural="Events",
        queryset=lambda: Event.objects.published().select_related("region", "campaign"),
        fields=Event.SEARCH_WEIGHTS | LIVE_WEIGHTS,
        documents={"search_document": None, "region__search_document": "C"},
        names=("title",),
        snippets=("description",),
        date="starts_at",
        to_result=lambda event: {"url": event.get_absolute_url(), "date": event.starts_at},
    )
