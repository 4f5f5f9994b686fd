"""Search documents in the `knowvember` configuration (unaccent, then English stemming).

PostgreSQL cannot change a generated column's expression, so the column is dropped and added
again (with its GIN index); titles get an accent-insensitive trigram index for typo matching.
"""

import django.contrib.postgres.search
from django.db import migrations, models

import knowvember.search
from knowvember.search import search_index_operation, trigram_index_operation


class Migration(migrations.Migration):
    dependencies = [
        ("knowvember", "0005_search_configuration"),
        ("events", "0004_event_cancelled_at_and_sequence"),
    ]

    operations = [
        search_index_operation("events_event", reverse=True),
        migrations.RemoveField(model_name="event", name="search_document"),
        migrations.AddField(
            model_name="event",
            name="search_document",
            field=models.GeneratedField(
                db_persist=True,
                expression=knowvember.search.SearchDocument(
                    {"title": "A", "hashtag": "A", "description": "B"}, config="knowvember"
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        search_index_operation("events_event"),
        trigram_index_operation("events_event", "title"),
    ]
