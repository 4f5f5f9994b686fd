"""Search documents: what each row is found by, stored with the row by the database."""

import operator
from functools import reduce

from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import migrations
from django.db.models import F, Func, GeneratedField, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.utils.deconstruct import deconstructible

# Unaccent, then English stemming; created by knowvember/migrations/0002_search_configuration.
SEARCH_CONFIG = "knowvember"


@deconstructible(path="knowvember.search.SearchDocument")
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


def _index_operation(index: str, create_sql: str, *, reverse: bool):
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
