"""Events in site search: published ones only."""

from events.models import Event
from knowvember.search import SearchSource


def search_source() -> SearchSource:
    return SearchSource(
        kind="event",
        label="Event",
        label_plural="Events",
        queryset=lambda: Event.objects.published().select_related("region", "campaign"),
        fields={"title": "A", "hashtag": "A", "description": "B", "region__name": "C"},
        documents={"search_document": None, "region__search_document": "C"},
        names=("title",),
        snippets=("description",),
        date="starts_at",
        to_result=lambda event: {"url": event.get_absolute_url(), "date": event.starts_at},
    )
