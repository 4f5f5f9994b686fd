"""Site search across the campaign's public content.

Each feature app describes its public content as a `SearchSource` in `<app>/search.py`: a public
queryset, the fields searched and their weights, the short names matched despite typos, the long
texts a snippet is cut from. This package never imports a feature app.

On PostgreSQL it is full-text search in the `knowvember` text search configuration (unaccent,
then English stemming; created by knowvember/migrations/0002), so "cafe" finds "café" and
"share" finds "sharing". Each model stores a weighted tsvector of its own texts in a generated,
GIN-indexed `search_document` column; related rows (a pledge's technique, an event's region, a
session's recording) store theirs, and are joined in only where they hold a word of the query.
Queries are parsed as web searches: quotes make phrases and `-word` excludes. When full text
finds fewer than `FEW_RESULTS`, titles and names that look like the words typed (pg_trgm word
similarity, accent-insensitive and trigram-indexed) are added, and a "Did you mean" is built
from the closest of them.

Results from every source form one ranked list. One statement counts the matches by kind and
edition (for the filters) and picks the page asked for; then one query per kind on it fetches
its rows with highlighted snippets. A person's second and later pledges among the matches are
de-ranked, so one author's variants do not fill the page.

Elsewhere (SQLite) a simple case-insensitive match on each word, ranked by the weight of the
field that matched.

documents.py: the stored search documents and their indexes (used by models and migrations);
sources.py: what a source declares and what a result holds; postgres.py and simple.py: the two
ways of searching; typos.py: which words are compared with titles, and "Did you mean".
"""

from django.db import connection

from knowvember.search.documents import (
    SEARCH_CONFIG,
    SearchDocument,
    search_document_field,
    search_index_operation,
    trigram_index_operation,
)
from knowvember.search.postgres import PostgresSearch
from knowvember.search.simple import SimpleSearch
from knowvember.search.sources import (
    MAX_QUERY_LENGTH,
    RESULTS_PER_PAGE,
    Count,
    Facet,
    SearchResult,
    SearchSource,
)

__all__ = [
    "MAX_QUERY_LENGTH",
    "RESULTS_PER_PAGE",
    "SEARCH_CONFIG",
    "SearchDocument",
    "SearchResult",
    "SearchResults",
    "SearchSource",
    "search",
    "search_document_field",
    "search_index_operation",
    "site_sources",
    "trigram_index_operation",
]


class SearchResults:
    """One search: counts by kind and edition, maybe a "Did you mean", and pages of results.

    Django's Paginator can page it: `count()` is known from the counts, and a slice fetches only
    that page's rows and snippets.
    """

    def __init__(self, terms: str, sources: list[SearchSource], *, kind="", edition="", page=None):
        # Control characters (a NUL, which PostgreSQL refuses in text) mean nothing in a search.
        printable = "".join(char if char.isprintable() else " " for char in terms)
        self.terms = " ".join(printable.split())[:MAX_QUERY_LENGTH]
        known = {source.kind for source in sources}
        self.kind = kind if kind in known else ""
        self.edition = edition if isinstance(edition, str) else ""
        self.suggestion = ""
        self.kinds: list[Facet] = []
        self.editions: list[Facet] = []
        self._total = 0
        if not self.terms:
            self._engine = None
            return
        engine = PostgresSearch if connection.vendor == "postgresql" else SimpleSearch
        # The page asked for comes with the counts; the paginator may settle on another.
        number = min(int(page), 10_000) if str(page).isdigit() and int(page) > 0 else 1
        window = ((number - 1) * RESULTS_PER_PAGE, number * RESULTS_PER_PAGE)
        self._engine = engine(
            self.terms, sources, kind=self.kind, edition=self.edition, window=window
        )
        self.suggestion = self._engine.suggestion
        self._facets(sources, self._engine.counts)

    def _facets(self, sources: list[SearchSource], counts: list[Count]):
        in_edition = [c for c in counts if not self.edition or c.edition == self.edition]
        of_kind = [c for c in counts if not self.kind or c.kind == self.kind]
        self._total = sum(c.matches for c in in_edition if not self.kind or c.kind == self.kind)
        for source in sources:
            number = sum(c.matches for c in in_edition if c.kind == source.kind)
            if number or source.kind == self.kind:
                selected = source.kind == self.kind
                self.kinds.append(Facet(source.kind, source.label_plural, number, selected))
        editions = {(c.year, c.edition, c.edition_name) for c in counts}
        for _year, slug, name in sorted(editions, reverse=True):
            number = sum(c.matches for c in of_kind if c.edition == slug)
            if number or slug == self.edition:
                self.editions.append(Facet(slug, name, number, slug == self.edition))

    @property
    def filtered(self) -> bool:
        return bool(self.kind or self.edition)

    def count(self) -> int:
        return self._total

    def __len__(self) -> int:
        return self._total

    def __getitem__(self, index: slice) -> list[SearchResult]:
        if not isinstance(index, slice):
            raise TypeError("Search results are read a page at a time.")
        start, stop = index.start or 0, min(index.stop or self._total, self._total)
        if self._engine is None or start >= stop:
            return []
        return self._engine.page(start, stop)


def search(
    terms: str, sources: list[SearchSource], *, kind="", edition="", page=None
) -> SearchResults:
    """Results from every source for `terms`, best first, optionally of one kind or edition.

    `page` (as typed in the address) is fetched with the counts, saving a query.
    """
    return SearchResults(terms, sources, kind=kind, edition=edition, page=page)


def campaign_source() -> SearchSource:
    from knowvember.models import Campaign

    return SearchSource(
        kind="edition",
        label="Edition",
        label_plural="Editions",
        queryset=Campaign.objects.all,
        fields={"name": "A", "theme": "B", "summary": "C"},
        title="name",
        names=("name", "theme"),
        snippets=("theme", "summary"),
        edition="",
        date="starts_on",
        to_result=lambda edition: {"url": edition.get_absolute_url(), "date": edition.starts_on},
    )
