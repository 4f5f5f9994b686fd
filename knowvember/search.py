"""Site search across the campaign's public content.

Each source names a public queryset, the fields to search with their weights, and how a row
becomes a result. On PostgreSQL the ranking is full-text (`SearchVector` / `websearch` query /
`SearchRank`); elsewhere a simple case-insensitive match ranked by where the words were found.
One query per source, whatever the number of results.
"""

import operator
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When

MAX_RESULTS_PER_SOURCE = 100
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
    fields: dict[str, str]  # field lookup -> weight "A" (most important) to "D"
    to_result: Callable[[object], dict]


def _postgres_matches(source: SearchSource, terms: str) -> QuerySet:
    vector = reduce(
        operator.add,
        (
            SearchVector(field, weight=weight, config="english")
            for field, weight in source.fields.items()
        ),
    )
    query = SearchQuery(terms, search_type="websearch", config="english")
    return (
        source.queryset()
        .annotate(search_document=vector)
        .filter(search_document=query)  # tsvector @@ tsquery: a real match, not a tiny rank
        .annotate(search_rank=SearchRank(vector, query))
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


# Feature apps describe their public content in `<app>/search.py` as SEARCH_SOURCE.
SEARCH_APPS = ["events", "showcases", "pledges"]


def site_sources() -> list[SearchSource]:
    import importlib
    import importlib.util

    sources = [campaign_source()]
    for app in SEARCH_APPS:
        if importlib.util.find_spec(f"{app}.search") is not None:
            sources.append(importlib.import_module(f"{app}.search").search_source())
    return sources
