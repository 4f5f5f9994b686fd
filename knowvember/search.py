"""Site search across the campaign's public content.

Each feature app describes its public content as a `SearchSource` in `<app>/search.py`: a public
queryset, the fields searched and their weights, the short names matched despite typos, the long
texts a snippet is cut from. This module never imports a feature app.

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
edition (for the filters) and picks the first page; then one query per kind on the page fetches
its rows with highlighted snippets. A person's second and later pledges among the matches are
de-ranked, so one author's variants do not fill the page.

Elsewhere (SQLite) a simple case-insensitive match on each word, ranked by the weight of the
field that matched.
"""

import operator
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorCombinable,
    SearchVectorField,
)
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    DateTimeField,
    F,
    FloatField,
    Func,
    GeneratedField,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat, Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

# English stemming after unaccent; created by knowvember/migrations/0002_search_configuration.
SEARCH_CONFIG = "knowvember"
MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 20  # the page asked for is fetched with the counts
SHORT_TEXT = 240  # characters: a text this short is shown whole under its result
# Fewer full-text matches than this, and titles that look like the words typed are added.
FEW_RESULTS = 3
# Simple fallback only: the most rows read from each source.
MAX_RESULTS_PER_SOURCE = 100


class SearchDocument(Func):
    """The text a row is found by, stored with the row (see `search_document_field`).

    On PostgreSQL a weighted tsvector in `config`, so search never re-parses long texts such as
    transcripts; elsewhere the plain text, which the simple fallback does not need anyway.
    `config` is part of the migration state, so changing it regenerates the stored column.
    """

    output_field = SearchVectorField()

    def __init__(self, weighted_fields: dict[str, str], *, config: str):
        self.weighted_fields = weighted_fields
        self.config = config
        super().__init__(*(F(field) for field in weighted_fields))

    def as_postgresql(self, compiler, connection, **extra_context):
        # A regconfig literal keeps the generation expression IMMUTABLE, as PostgreSQL requires.
        vector = reduce(
            operator.add,
            (
                SearchVector(field, weight=weight, config=self.config)
                for field, weight in self.weighted_fields.items()
            ),
        )
        return compiler.compile(vector.resolve_expression(compiler.query))

    def as_sql(self, compiler, connection, **extra_context):
        parts = []
        for field in self.weighted_fields:
            parts += [Coalesce(F(field), Value("")), Value(" ")]
        text = Concat(*parts[:-1], output_field=TextField()) if len(parts) > 2 else parts[0]
        return compiler.compile(text.resolve_expression(compiler.query))


def search_document_field(weighted_fields: dict[str, str]) -> GeneratedField:
    """A stored, generated column holding a row's search document (GIN-indexed on PostgreSQL)."""
    return GeneratedField(
        expression=SearchDocument(weighted_fields, config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )


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
class _Count:
    kind: str
    edition: str  # slug
    edition_name: str
    year: int
    matches: int  # how many of the kind in the edition


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
        engine = _PostgresSearch if connection.vendor == "postgresql" else _SimpleSearch
        # The page asked for comes with the counts; the paginator may settle on another.
        number = min(int(page), 10_000) if str(page).isdigit() and int(page) > 0 else 1
        window = ((number - 1) * RESULTS_PER_PAGE, number * RESULTS_PER_PAGE)
        self._engine = engine(
            self.terms, sources, kind=self.kind, edition=self.edition, window=window
        )
        self.suggestion = self._engine.suggestion
        self._facets(sources, self._engine.counts)

    def _facets(self, sources: list[SearchSource], counts: list[_Count]):
        in_edition = [c for c in counts if not self.edition or c.edition == self.edition]
        of_kind = [c for c in counts if not self.kind or c.kind == self.kind]
        self._total = sum(c.matches for c in in_edition if c in of_kind)
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


# PostgreSQL -----------------------------------------------------------------------------------

# Sentinels for ts_headline: control characters are stripped from the text first, so they
# cannot come from content; "<" is swapped for one too, so the parser sees no HTML tags (which
# it would drop from snippets). The headline is escaped whole, then the sentinels become markup.
MARK_START, MARK_STOP, LESS_THAN = "\x02", "\x03", "\x04"


class Unaccented(Func):
    """`knowvember_unaccent(text)`: unaccent that PostgreSQL may index (see migration 0002)."""

    function = "knowvember_unaccent"
    output_field = TextField()


class WordSimilar(Func):
    """`words <% text`: the words typed look like some stretch of `text` (trigram-indexed)."""

    template = "(%(expressions)s)"
    arg_joiner = " <%% "  # "%" doubled for the driver's parameter style
    output_field = BooleanField()
    conditional = True


class WordSimilarity(Func):
    function = "word_similarity"
    output_field = FloatField()


class StoredVector(SearchVectorCombinable, Func):
    """A stored search document, combinable with `||`.

    A related row's document may be missing (a session without a recording): it then reads as
    an empty vector. A row's own document is read as it is, so its GIN index can serve.
    """

    output_field = SearchVectorField()
    config = None

    def __init__(self, document: str, *, related: bool = True):
        if related:
            super().__init__(F(document), Cast(Value(""), SearchVectorField()), function="COALESCE")
        else:
            super().__init__(F(document), template="%(expressions)s")


class Reweighted(SearchVectorCombinable, Func):
    function = "setweight"
    output_field = SearchVectorField()
    config = None

    def __init__(self, vector, weight: str):
        super().__init__(vector, Value(weight))


def _headline(text, query, **options) -> SearchHeadline:
    text = Func(
        text,
        Value("<" + MARK_START + MARK_STOP),
        Value(LESS_THAN),
        function="translate",
        output_field=TextField(),
    )
    return SearchHeadline(
        text, query, config=SEARCH_CONFIG, start_sel=MARK_START, stop_sel=MARK_STOP, **options
    )


def _marked(headline: str | None) -> SafeString:
    html = escape(headline or "")
    html = html.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
    return mark_safe(html.replace(LESS_THAN, "&lt;"))  # noqa: S308 (escaped above)


def _words_for_typos(terms: str) -> list[str]:
    """The words compared with titles and names when full text finds few, folded.

    None when the query has quotes or a minus: whoever typed those said exactly what they
    meant. Short words such as "the" only when there is nothing longer.
    """
    if '"' in terms or re.search(r"(^|\s)-\w", terms):
        return []
    words = [_fold(word) for word in re.findall(r"[^\W_]+", terms) if word.lower() != "or"]
    return [word for word in words if len(word) > 3] or words


# One statement gives the counts by kind and edition, a page of keys and, once typos are looked
# for, the titles closest to the words typed, from one pass over the matches. {found} is the
# UNION ALL of every source's matches (by full text, and by titles like the words typed), each
# row: the source's position in the list, key, rank, sort date, edition id, the variant group
# the row belongs to (numbers, so that sorting and grouping never compare text) and the title
# or name that looked like the words typed. {matches} makes a row found both ways count once,
# at its best rank.
SEARCH_SQL = """
WITH found (kind, key, rank, sort_date, edition, variant, name) AS ({found}),
matches AS MATERIALIZED ({matches}),
ranked AS (
    SELECT kind, key, sort_date, edition,
           rank * power(0.5, row_number() OVER (
               PARTITION BY kind, variant ORDER BY rank DESC, sort_date DESC, key DESC
           ) - 1) AS score
    FROM matches
),
page AS (
    SELECT kind, key, score, sort_date FROM ranked
    WHERE (%s < 0 OR kind = %s)
      AND (%s = '' OR edition = (SELECT id FROM {editions} WHERE slug = %s))
    ORDER BY score DESC, sort_date DESC, kind, key DESC
    LIMIT %s OFFSET %s
)
SELECT
    (SELECT coalesce(json_agg(json_build_array(kind, edition, n)), '[]')
     FROM (SELECT kind, edition, count(*) AS n FROM matches GROUP BY kind, edition) AS counts),
    (SELECT coalesce(json_agg(json_build_array(kind, key)
                              ORDER BY score DESC, sort_date DESC, kind, key DESC), '[]')
     FROM page),
    (SELECT json_object_agg(id, json_build_array(slug, name, year)) FROM {editions}),
    {closest}
"""
FULL_TEXT_ONLY = {"matches": "SELECT * FROM found", "closest": "'[]'::json"}
WITH_TYPOS = {
    "matches": "SELECT kind, key, max(rank) AS rank, sort_date, edition, variant FROM found"
    " GROUP BY kind, key, sort_date, edition, variant",
    "closest": "(SELECT coalesce(json_agg(name), '[]') FROM (SELECT name FROM found"
    " WHERE name IS NOT NULL GROUP BY name ORDER BY max(rank) DESC, name LIMIT 5) AS closest)",
}


class _PostgresSearch:
    def __init__(self, terms: str, sources: list[SearchSource], *, kind, edition, window):
        self.sources = {source.kind: source for source in sources}
        self.window = window
        self.kind, self.edition = kind, edition
        self.query = SearchQuery(terms, search_type="websearch", config=SEARCH_CONFIG)
        words = re.findall(r"[^\W_]+", terms)
        self.any_word = (
            SearchQuery(" | ".join(words), search_type="raw", config=SEARCH_CONFIG)
            if words
            else None
        )
        self.highlight = self.query
        self.typed: list[str] = []  # the words compared with titles once full text finds few
        self.suggestion = ""
        self.parts = [
            self._compiled(position, source, self._full_text(source))
            for position, source in enumerate(sources)
        ]
        self.counts, self.prefetched, _closest = self._run(*window)
        words = _words_for_typos(terms)
        if sum(c.matches for c in self.counts) < FEW_RESULTS and len("".join(words)) >= 3:
            self.typed = words
            self.parts += [
                self._compiled(position, source, self._alike(source, name), name=name)
                for position, source in enumerate(sources)
                for name in source.names
            ]
            self.counts, self.prefetched, closest = self._run(*window)
            self.suggestion = _suggestion(terms, closest)
            if self.suggestion:
                self.highlight = SearchQuery(
                    self.suggestion, search_type="websearch", config=SEARCH_CONFIG
                )

    def _vectors(self, source: SearchSource) -> list:
        """The row's own document as stored (so its GIN index serves), then related ones."""
        vectors = []
        for document, weight in (source.documents or {"search_document": None}).items():
            vector = StoredVector(document, related=bool(vectors))
            vectors.append(vector if weight is None else Reweighted(vector, weight))
        return vectors

    def _similarity(self, name: str) -> WordSimilarity:
        return WordSimilarity(Value(" ".join(self.typed)), Unaccented(F(name)))

    def _similar(self, name: str) -> Q:
        """Every word typed looks like a word of `name` (each test served by a trigram index).

        The words are folded in Python as knowvember_unaccent would: once, not once a row.
        """
        return reduce(
            operator.and_, (Q(WordSimilar(Value(word), Unaccented(F(name)))) for word in self.typed)
        )

    def _compiled(self, position: int, source: SearchSource, rows: QuerySet, name=None):
        """SQL and parameters for matching `rows`, as the columns of SEARCH_SQL's `found`."""
        rows = rows.annotate(
            result_kind=Value(position),
            key=F("pk"),
            sort_date=Cast(F(source.date), DateTimeField()),
            edition_id=F(source.edition_field("id")),
            variant=F(source.variants_of or "pk"),
            close_name=Cast(F(name) if name else Value(None), TextField()),
        )
        columns = ["result_kind", "key", "search_rank", "sort_date", "edition_id", "variant"]
        return rows.values_list(*columns, "close_name").query.sql_with_params()

    def _full_text(self, source: SearchSource) -> QuerySet:
        own, *related = self._vectors(source)
        vector = reduce(operator.add, [own, *related])
        rows = source.queryset().order_by().alias(search_vector=vector, own_document=own)
        matches = Q(own_document=self.query)  # tsvector @@ tsquery
        if related and self.any_word:
            # With related documents (a technique's name) only where one holds a word of the
            # query: nothing else can change the answer, and that set is found once per query.
            holding = reduce(
                operator.or_,
                (
                    Q(**{f"{relation}__in": model.objects.filter(**{field: self.any_word})})
                    for relation, model, field in _relations(source, list(source.documents)[1:])
                ),
            )
            matches |= holding & Q(search_vector=self.query)
        # Normalised by document length, so a long transcript mentioning the words many times
        # does not outrank a title that is about them.
        rank = SearchRank(F("search_vector"), self.query, normalization=1)
        return rows.filter(matches).annotate(search_rank=rank)

    def _alike(self, source: SearchSource, name: str) -> QuerySet:
        """Rows whose `name` looks like the words typed (trigram-indexed), ranked by how alike.

        A related row's name (a pledge's technique) counts half: a title that says it is better.
        """
        rows = source.queryset().order_by()
        similarity = self._similarity(name)
        if "__" in name:
            ((relation, model, field),) = _relations(source, [name])
            alike = model.objects.filter(self._similar(field))
            rows = rows.filter(**{f"{relation}__in": alike})
            similarity = similarity * Value(0.5)
        else:
            rows = rows.filter(self._similar(name))
        return rows.annotate(search_rank=similarity)

    def _run(self, start: int, stop: int):
        """Counts, results start to stop as (kind, key), and the closest titles: one statement."""
        from knowvember.models import Campaign

        sql = SEARCH_SQL.replace(
            "{found}", " UNION ALL ".join(f"({sql})" for sql, _params in self.parts)
        ).replace("{editions}", connection.ops.quote_name(Campaign._meta.db_table))
        for name, part in (WITH_TYPOS if self.typed else FULL_TEXT_ONLY).items():
            sql = sql.replace(f"{{{name}}}", part)
        kinds = list(self.sources)
        kind = kinds.index(self.kind) if self.kind else -1
        params = [param for _sql, part_params in self.parts for param in part_params]
        params += [kind, kind, self.edition, self.edition, stop - start, start]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            counts, keys, editions, closest = cursor.fetchone()
        counts = [
            _Count(kinds[kind], *editions[str(edition)], matches)
            for kind, edition, matches in counts
        ]
        return counts, [(kinds[kind], key) for kind, key in keys], closest

    def page(self, start: int, stop: int) -> list[SearchResult]:
        if start == self.window[0] and stop <= self.window[1]:
            keys = self.prefetched[: stop - start]
        else:
            _counts, keys, _closest = self._run(start, stop)
        rows_by_key = {}
        for kind in dict.fromkeys(kind for kind, _key in keys):
            of_kind = [key for key_kind, key in keys if key_kind == kind]
            rows_by_key |= self._rows(self.sources[kind], of_kind)
        return [rows_by_key[key] for key in keys if key in rows_by_key]

    def _rows(self, source: SearchSource, keys: list[int]) -> dict:
        # A result needs the row's own fields only (its address, title, date), not the related
        # rows a list page shows or the stored search documents.
        rows = (
            source.queryset()
            .filter(pk__in=keys)
            .select_related(None)
            .defer("search_document")
            .alias(snippet_text=_joined(source.snippets))
            .annotate(
                title_headline=_headline(F(source.title), self.highlight, highlight_all=True),
                # A short text whole; from a long one, the two passages that match best.
                snippet_headline=Case(
                    When(
                        LessThanOrEqual(Length("snippet_text"), SHORT_TEXT),
                        then=_headline(F("snippet_text"), self.highlight, highlight_all=True),
                    ),
                    default=_headline(
                        F("snippet_text"),
                        self.highlight,
                        max_words=35,
                        min_words=15,
                        max_fragments=2,
                        fragment_delimiter=" … ",
                    ),
                ),
                edition_label=F(source.edition_field("name")),
            )
        )
        return {(source.kind, row.pk): _result(source, row) for row in rows}


def _relations(source: SearchSource, paths: list[str]) -> list[tuple[str, type, str]]:
    """("activity__name") -> ("activity", Activity, "name"): the relation, its model, the field."""
    model = source.queryset().model
    relations = []
    for path in paths:
        relation, field = path.split("__", 1)
        relations.append((relation, model._meta.get_field(relation).related_model, field))
    return relations


def _joined(fields: tuple[str, ...]):
    """The fields' texts, joined by spaces (empty where a field or related row is missing)."""
    parts = [Coalesce(F(field), Value(""), output_field=TextField()) for field in fields]
    if len(parts) == 1:
        return parts[0]
    spaced = [Value(" ")] * (2 * len(parts) - 1)
    spaced[::2] = parts
    return Concat(*spaced, output_field=TextField())


def _result(source: SearchSource, row) -> SearchResult:
    return SearchResult(
        kind=source.kind,
        kind_label=source.label,
        title=getattr(row, source.title),
        title_html=_marked(row.title_headline),
        snippet=_marked(row.snippet_headline),
        edition=row.edition_label,
        **source.to_result(row),
    )


def _fold(text: str) -> str:
    """Lower case without accents: "Café" and "cafe" fold alike."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _trigrams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _similarity(a: str, b: str) -> float:
    """pg_trgm's similarity of two words, so suggestions agree with the database."""
    ours, theirs = _trigrams(a), _trigrams(b)
    return len(ours & theirs) / len(ours | theirs)


def _suggestion(terms: str, names: list[str]) -> str:
    """`terms` with each word that is not in `names` replaced by the closest word that is."""
    vocabulary = {_fold(word): word for name in names for word in re.findall(r"\w+", name.lower())}

    def closest(match: re.Match) -> str:
        word = _fold(match[0])
        if word in vocabulary or not vocabulary:
            return vocabulary.get(word, match[0])
        best = max(vocabulary, key=lambda known: _similarity(word, known))
        return vocabulary[best] if _similarity(word, best) >= 0.45 else match[0]

    suggestion = re.sub(r"\w+", closest, terms)
    return suggestion if _fold(suggestion) != _fold(terms) else ""


# Elsewhere (SQLite) ---------------------------------------------------------------------------

WEIGHT_SCORES = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}


class _SimpleSearch:
    """Every word somewhere in the row, case-insensitively; enough for development."""

    suggestion = ""

    def __init__(self, terms: str, sources: list[SearchSource], *, kind, edition, window):
        self.kind, self.edition = kind, edition
        self.words = terms.split()
        self.results = []  # (rank, kind, edition slug, result)
        for source in sources:
            for row in self._matches(source)[:MAX_RESULTS_PER_SOURCE]:
                self.results.append((row.search_rank, source.kind, row.edition_slug, row, source))
        self.results.sort(key=lambda item: item[0], reverse=True)
        counts = {}
        for _rank, kind, slug, row, _source in self.results:
            key = (kind, slug, row.edition_label, row.edition_year)
            counts[key] = counts.get(key, 0) + 1
        self.counts = [_Count(*key, matches) for key, matches in counts.items()]

    def _matches(self, source: SearchSource) -> QuerySet:
        matches = reduce(
            operator.and_,
            (
                reduce(
                    operator.or_, (Q(**{f"{field}__icontains": word}) for field in source.fields)
                )
                for word in self.words
            ),
        )
        # Rank by the most important field that holds the first word.
        rank = Case(
            *(
                When(**{f"{field}__icontains": self.words[0]}, then=Value(WEIGHT_SCORES[weight]))
                for field, weight in sorted(source.fields.items(), key=lambda item: item[1])
            ),
            default=Value(0.05),
            output_field=FloatField(),
        )
        return (
            source.queryset()
            .filter(matches)
            .annotate(
                search_rank=rank,
                edition_slug=F(source.edition_field("slug")),
                edition_label=F(source.edition_field("name")),
                edition_year=F(source.edition_field("year")),
                snippet_text=_joined(source.snippets),
            )
            .order_by(F("search_rank").desc(), F(source.date).desc())
        )

    def page(self, start: int, stop: int) -> list[SearchResult]:
        chosen = [
            (row, source)
            for _rank, kind, slug, row, source in self.results
            if (not self.kind or kind == self.kind) and (not self.edition or slug == self.edition)
        ]
        return [
            SearchResult(
                kind=source.kind,
                kind_label=source.label,
                title=getattr(row, source.title),
                title_html=self._marked(getattr(row, source.title)),
                snippet=self._marked(self._excerpt(row.snippet_text)),
                edition=row.edition_label,
                **source.to_result(row),
            )
            for row, source in chosen[start:stop]
        ]

    def _excerpt(self, text: str) -> str:
        """A short text whole; from a long one, the part from just before the first match."""
        if len(text) <= SHORT_TEXT:
            return text
        first = re.search(self._pattern(), text, flags=re.IGNORECASE)
        start = max(0, first.start() - SHORT_TEXT // 3) if first else 0
        return ("…" if start else "") + Truncator(text[start:]).chars(SHORT_TEXT)

    def _pattern(self) -> str:
        return "|".join(re.escape(word) for word in self.words)

    def _marked(self, text: str) -> SafeString:
        pieces = re.split(f"({self._pattern()})", text, flags=re.IGNORECASE)
        html = "".join(
            f"<mark>{escape(piece)}</mark>" if n % 2 else escape(piece)
            for n, piece in enumerate(pieces)
        )
        return mark_safe(html)  # noqa: S308 (every piece escaped)


# Sources --------------------------------------------------------------------------------------


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


# Feature apps describe their public content in `<app>/search.py` as search_source().
SEARCH_APPS = ["events", "showcases", "pledges"]


def site_sources() -> list[SearchSource]:
    import importlib
    import importlib.util

    sources = []
    for app in SEARCH_APPS:
        if importlib.util.find_spec(f"{app}.search") is not None:
            sources.append(importlib.import_module(f"{app}.search").search_source())
    return [*sources, campaign_source()]


def _index_operation(index: str, create_sql: str, *, reverse: bool):
    from django.db import migrations

    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(create_sql)

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f'DROP INDEX IF EXISTS "{index}"')

    return migrations.RunPython(drop, create) if reverse else migrations.RunPython(create, drop)


def search_index_operation(table: str, *, reverse: bool = False):
    """A migration operation adding a GIN index on `table.search_document` (PostgreSQL only).

    `reverse=True` drops it instead (and restores it when migrating back), for a migration that
    regenerates the column.
    """
    index = f"{table}_search_document_gin"
    create = f'CREATE INDEX IF NOT EXISTS "{index}" ON "{table}" USING gin ("search_document")'
    return _index_operation(index, create, reverse=reverse)


def trigram_index_operation(table: str, column: str):
    """A migration operation adding an accent-insensitive trigram index on `table.column`.

    It serves `WordSimilar` (typo matching); PostgreSQL only, after migration 0002 of the core.
    """
    index = f"{table}_{column}_trgm"
    create = (
        f'CREATE INDEX IF NOT EXISTS "{index}" ON "{table}" '
        f'USING gin (knowvember_unaccent("{column}") gin_trgm_ops)'
    )
    return _index_operation(index, create, reverse=False)
