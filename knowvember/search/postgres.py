"""Search on PostgreSQL: full text, then titles like the words typed, in one statement."""

import operator
import re
from functools import reduce

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
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
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from knowvember.search.documents import SEARCH_CONFIG
from knowvember.search.sources import (
    FEW_RESULTS,
    SHORT_TEXT,
    Count,
    SearchResult,
    SearchSource,
    joined,
)
from knowvember.search.typos import did_you_mean, words_for_typos

# Sentinels for ts_headline: control characters are stripped from the text first, so they
# cannot come from content; "<" is swapped for one too, so the parser sees no HTML tags (which
# it would drop from snippets). The headline is escaped whole, then the sentinels become markup.
MARK_START, MARK_STOP, LESS_THAN = "\x02", "\x03", "\x04"

# ts_rank's weights for D, C, B, A. D (transcripts) at a tenth of PostgreSQL's default: a
# transcript that says the words fifty times ranks with a description that says them once, below
# any title that says them. Not normalised by length, so short pledges are not favoured.
RANK_WEIGHTS = [0.01, 0.2, 0.4, 1.0]


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


class PostgresSearch:
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
        words = words_for_typos(terms)
        if sum(c.matches for c in self.counts) < FEW_RESULTS and len("".join(words)) >= 3:
            self.typed = words
            self.parts += [
                self._compiled(position, source, self._alike(source, name), name=name)
                for position, source in enumerate(sources)
                for name in source.names
            ]
            self.counts, self.prefetched, closest = self._run(*window)
            self.suggestion = did_you_mean(terms, closest)
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
        rank = SearchRank(F("search_vector"), self.query, weights=RANK_WEIGHTS)
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

        sql = SEARCH_SQL.replace("{editions}", connection.ops.quote_name(Campaign._meta.db_table))
        for name, part in (WITH_TYPOS if self.typed else FULL_TEXT_ONLY).items():
            sql = sql.replace(f"{{{name}}}", part)
        # Last, so that nothing in the sources' SQL is read as a placeholder.
        sql = sql.replace("{found}", " UNION ALL ".join(f"({sql})" for sql, _ in self.parts))
        kinds = list(self.sources)
        kind = kinds.index(self.kind) if self.kind else -1
        params = [param for _sql, part_params in self.parts for param in part_params]
        params += [kind, kind, self.edition, self.edition, stop - start, start]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            counts, keys, editions, closest = cursor.fetchone()
        counts = [
            Count(kinds[kind], *editions[str(edition)], matches)
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
            .alias(snippet_text=joined(source.snippets))
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
