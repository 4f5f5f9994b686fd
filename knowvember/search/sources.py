"""What a feature app tells search about its content, and what search gives back."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import F, QuerySet, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.utils.safestring import SafeString

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 20  # the page asked for is fetched with the counts
SHORT_TEXT = 240  # characters: a text this short is shown whole under its result
# Fewer full-text matches than this, and titles that look like the words typed are added.
FEW_RESULTS = 3
# Simple fallback only: the most rows read from each source.
MAX_RESULTS_PER_SOURCE = 100


@dataclass(frozen=True)
class SearchSource:
    kind: str  # the value of the kind filter: "event", "session", "pledge", "edition"
    label: str  # "Event"
    label_plural: str  # "Events"
    queryset: Callable[[], QuerySet]  # public rows only: visibility is the queryset's rule
    fields: dict[str, str]  # every searched field -> weight "A" (most important) to "D"
    to_result: Callable[[object], dict]  # a row -> {"url": ..., "date": ...}
    # PostgreSQL: the stored search documents that together cover `fields`, each read as stored
    # (None) or re-weighted ("B"): a related row's document, such as a technique's name, is
    # stored once on that row and weighted here for this source.
    documents: dict[str, str | None] | None = None
    title: str = "title"  # the field shown as the result's heading
    names: tuple[str, ...] = ("title",)  # short texts matched despite typos (trigram-indexed)
    snippets: tuple[str, ...] = ()  # long texts the highlighted snippet is cut from
    edition: str = "campaign"  # path to the row's edition; "" when the row is an edition
    date: str = "created_at"  # newer first between equal ranks
    # Matches with the same value here are variants: each after the best counts half as much.
    variants_of: str = ""

    def edition_field(self, name: str) -> str:
        return f"{self.edition}__{name}" if self.edition else name


@dataclass(frozen=True)
class SearchResult:
    kind: str
    kind_label: str
    title: str
    title_html: SafeString  # the title, escaped, with matched words in <mark>
    snippet: SafeString  # part of the text around the matched words, escaped, words in <mark>
    url: str
    date: object
    edition: str  # the edition's name


@dataclass(frozen=True)
class Facet:
    """One filter link: a kind or an edition, with the number of results it would show."""

    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Count:
    kind: str
    edition: str  # slug
    edition_name: str
    year: int
    matches: int  # how many of the kind in the edition


def joined(fields: tuple[str, ...]):
    """The fields' texts, joined by spaces (empty where a field or related row is missing)."""
    parts = [Coalesce(F(field), Value(""), output_field=TextField()) for field in fields]
    if len(parts) <= 1:
        return parts[0] if parts else Value("", output_field=TextField())
    spaced = [Value(" ")] * (2 * len(parts) - 1)
    spaced[::2] = parts
    return Concat(*spaced, output_field=TextField())
