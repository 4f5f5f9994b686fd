"""Search elsewhere (SQLite): every word somewhere in the row, enough for development."""

import operator
import re
from functools import reduce

from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from knowvember.search.sources import (
    MAX_RESULTS_PER_SOURCE,
    SHORT_TEXT,
    Count,
    SearchResult,
    SearchSource,
    joined,
)

WEIGHT_SCORES = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}


class SimpleSearch:
    """The first matches of each source, ranked in Python; pages are cut from that list."""

    suggestion = ""  # no typo matching here

    def __init__(self, terms: str, sources: list[SearchSource], *, kind, edition, window):
        self.kind, self.edition = kind, edition
        self.words = terms.split()
        self.results = []  # (rank, kind, edition slug, row, source)
        for source in sources:
            for row in self._matches(source)[:MAX_RESULTS_PER_SOURCE]:
                self.results.append((row.search_rank, source.kind, row.edition_slug, row, source))
        self.results.sort(key=lambda item: item[0], reverse=True)
        counts = {}
        for _rank, kind, slug, row, _source in self.results:
            key = (kind, slug, row.edition_label, row.edition_year)
            counts[key] = counts.get(key, 0) + 1
        self.counts = [Count(*key, matches) for key, matches in counts.items()]

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
                snippet_text=joined(source.snippets),
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
