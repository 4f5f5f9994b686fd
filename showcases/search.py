"""Showcase sessions in site search: titles, the questions they explore and their transcripts."""

from knowvember.search import SearchSource
from showcases.models import Recording, Showcase


def search_source() -> SearchSource:
    return SearchSource(
        kind="Showcase",
        queryset=lambda: Showcase.objects.published().select_related("campaign"),
        fields=Showcase.SEARCH_WEIGHTS
        | {f"recording__{field}": weight for field, weight in Recording.SEARCH_WEIGHTS.items()},
        documents=("search_document", "recording__search_document"),
        live_fields={},
        to_result=lambda showcase: {
            "title": showcase.title,
            "url": showcase.get_absolute_url(),
            "summary": showcase.question,
            "date": showcase.starts_at,
        },
    )
