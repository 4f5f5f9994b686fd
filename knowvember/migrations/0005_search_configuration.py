"""Search that finds what people type: unaccent, trigrams and the `knowvember` configuration.

The text search configuration is English with `unaccent` before stemming, so "cafe" and "café"
are one word. `knowvember_unaccent` is unaccent with its dictionary named, which PostgreSQL
accepts as IMMUTABLE, so trigram indexes can be built on unaccented titles. PostgreSQL only:
on other databases every operation here but the new column does nothing.
"""

import django.contrib.postgres.search
from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations, models

import knowvember.search
from knowvember.search import search_index_operation


def create_configuration(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT quote_ident(extnamespace::regnamespace::text) FROM pg_extension"
            " WHERE extname = 'unaccent'"
        )
        (schema,) = cursor.fetchone()
    schema_editor.execute(
        "CREATE TEXT SEARCH CONFIGURATION knowvember (COPY = english);"
        "ALTER TEXT SEARCH CONFIGURATION knowvember"
        f" ALTER MAPPING FOR hword, hword_part, word WITH {schema}.unaccent, english_stem;"
        "CREATE OR REPLACE FUNCTION knowvember_unaccent(text) RETURNS text"
        " LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT"
        f" AS $$ SELECT {schema}.unaccent('{schema}.unaccent'::regdictionary, $1) $$;"
    )


def drop_configuration(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "DROP FUNCTION IF EXISTS knowvember_unaccent(text);"
        "DROP TEXT SEARCH CONFIGURATION IF EXISTS knowvember;"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("knowvember", "0004_campaign_is_an_edition"),
    ]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(create_configuration, drop_configuration),
        migrations.AddField(
            model_name="campaign",
            name="search_document",
            field=models.GeneratedField(
                db_persist=True,
                expression=knowvember.search.SearchDocument(
                    {"name": "A", "theme": "B", "summary": "C"}, config="knowvember"
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        search_index_operation("knowvember_campaign"),
        migrations.AddField(
            model_name="region",
            name="search_document",
            field=models.GeneratedField(
                db_persist=True,
                expression=knowvember.search.SearchDocument({"name": "A"}, config="knowvember"),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
    ]
