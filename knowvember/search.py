"""Site search across the campaign's public content.

Each source names a public queryset, the fields to search with their weights, and how a row
becomes a result. On PostgreSQL it is full-text search: each model stores a weighted tsvector of
its own long texts in a generated, GIN-indexed `search_document` column, short related fields
(a technique's or region's name) are added per query, `@@` matches and `ts_rank` orders.
Elsewhere a simple case-insensitive match, ranked by the weight of the field that matched.
One query per source, whatever the number of results.
"""

import operator
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorCombinable,
    SearchVectorField,
)
from django.db import connection
from django.db.models import (
    Case,
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
from django.db.models.functions import Cast, Coalesce, Concat

SEARCH_CONFIG = "english"
MAX_RESULTS_PER_SOURCE = 100


class SearchDocument(Func):
    """The text a row is found by, stored with the row (see `search_document_field`).

    On PostgreSQL a weighted English tsvector, so search never re-parses long texts such as
    transcripts; elsewhere the plain text, which the simple fallback does not need anyway.
    """

    output_field = SearchVectorField()

    def __init__(self, weighted_fields: dict[str, str]):
        self.weighted_fields = weighted_fields
        super().__init__(*(F(field) for field in weighted_fields))

    def as_postgresql(self, compiler, connection, **extra_context):
        vector = reduce(
            operator.add,
            (
                SearchVector(field, weight=weight, config=SEARCH_CONFIG)
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
        expression=SearchDocument(weighted_fields),
        output_field=SearchVectorField(),
        db_persist=True,
    )


MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class SearchResult:
    kind: str
    title: str
    url: str
    summary: str
    date: object
    rank: float


@dataclass(frozen=True)
class SearchSource:
    kind: str
    queryset: Callable[[], QuerySet]
    fields: dict[str, str]  # every searched field -> weight "A" (most important) to "D"
    to_result: Callable[[object], dict]
    # PostgreSQL: stored search documents covering some of `fields` (read, not re-parsed), and
    # the remaining short fields, usually on related rows, that are turned into vectors per query.
    documents: tuple[str, ...] = ()
    live_fields: dict[str, str] | None = None


class StoredVector(SearchVectorCombinable, Func):
    """A stored search document, or an empty vector where the row (or related row) has none."""

    function = "COALESCE"
    output_field = SearchVectorField()
    config = None

    def __init__(self, document: str):
        super().__init__(F(document), Cast(Value(""), SearchVectorField()))


def _search_vector(source: SearchSource):
    live = source.fields if source.live_fields is None else source.live_fields
    parts = [StoredVector(document) for document in source.documents]
    parts += [
        SearchVector(field, weight=weight, config=SEARCH_CONFIG) for field, weight in live.items()
    ]
    return reduce(operator.add, parts)


def _postgres_matches(source: SearchSource, terms: str) -> QuerySet:
    vector = _search_vector(source)
    query = SearchQuery(terms, search_type="websearch", config=SEARCH_CONFIG)
    return (
        source.queryset()
        .annotate(search_vector=vector)
        .filter(search_vector=query)  # tsvector @@ tsquery: a real match, not a tiny rank
        .annotate(search_rank=SearchRank(F("search_vector"), query))
        .order_by("-search_rank")
    )


WEIGHT_SCORES = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}


def _simple_matches(source: SearchSource, terms: str) -> QuerySet:
    words = terms.split()
    matches = reduce(
        operator.and_,
        (
            reduce(operator.or_, (Q(**{f"{field}__icontains": word}) for field in source.fields))
            for word in words
        ),
    )
    # Rank by the most important field that holds the first word.
    rank = Case(
        *(
            When(**{f"{field}__icontains": words[0]}, then=Value(WEIGHT_SCORES[weight]))
            for field, weight in sorted(source.fields.items(), key=lambda item: item[1])
        ),
        default=Value(0.05),
        output_field=FloatField(),
    )
    return (
        source.queryset()
        .filter(matches)
        .annotate(search_rank=rank)
        .order_by(F("search_rank").desc())
    )


def search(terms: str, sources: list[SearchSource]) -> list[SearchResult]:
    """Results from every source for `terms`, best first."""
    terms = " ".join(terms.split())[:MAX_QUERY_LENGTH]
    if not terms:
        return []
    matcher = _postgres_matches if connection.vendor == "postgresql" else _simple_matches
    results = []
    for source in sources:
        for row in matcher(source, terms)[:MAX_RESULTS_PER_SOURCE]:
            results.append(
                SearchResult(kind=source.kind, rank=row.search_rank, **source.to_result(row))
            )
    return sorted(results, key=lambda result: result.rank, reverse=True)


def campaign_source() -> SearchSource:
    from knowvember.models import Campaign

    return SearchSource(
        kind="Campaign edition",
        queryset=Campaign.objects.all,
        fields={"name": "A", "theme": "B", "summary": "C"},
        to_result=lambda edition: {
            "title": edition.name,
            "url": edition.get_absolute_url(),
            "summary": edition.theme or edition.summary,
            "date": edition.starts_on,
        },
    )


def search_index_operation(table: str):
    """A migration operation adding a GIN index on `table.search_document` (PostgreSQL only)."""
    from django.db import migrations

    index = f"{table}_search_document_gin"

    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                f'CREATE INDEX IF NOT EXISTS "{index}" ON "{table}" USING gin ("search_document")'
            )

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f'DROP INDEX IF EXISTS "{index}"')

    return migrations.RunPython(create, drop)
