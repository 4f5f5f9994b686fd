"""Showcase sessions in site search: titles, the questions they explore and their transcripts."""

from knowvember.search import SearchSource
from showcases.models import Recording, Showcase


def search_source() -> SearchSource:
    return SearchSource(
        kind="session",
        label="Session",
        label_plural="Sessions",
        queryset=lambda: Showcase.objects.published().select_related("campaign"),
        fields=Showcase.SEARCH_WEIGHTS
        | {f"recording__{field}": weight for field, weight in Recording.SEARCH_WEIGHTS.items()},
        documents={"search_document": None, "recording__search_document": None},
        names=("title",),
        # The programme is mostly times: snippets come from the question and the transcript.
        snippets=("question", "recording__transcript"),
        date="starts_at",
        to_result=lambda showcase: {
            "url": showcase.get_absolute_url(),
            "date": showcase.starts_at,
        },
    )
