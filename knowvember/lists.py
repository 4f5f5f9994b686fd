"""Small helpers for lists of rows shown on composed pages."""


def first_items(queryset, limit: int) -> tuple[list, bool]:
    """Up to `limit` rows, and whether there are more, in one query (no COUNT)."""
    rows = list(queryset[: limit + 1])
    return rows[:limit], len(rows) > limit
