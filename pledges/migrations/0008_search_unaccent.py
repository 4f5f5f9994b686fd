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
        ("pledges", "0007_activity_is_a_technique"),
    ]

    operations = [
        search_index_operation("pledges_pledge", reverse=True),
        migrations.RemoveField(model_name="pledge", name="search_document"),
        migrations.AddField(
            model_name="pledge",
            name="search_document",
            field=models.GeneratedField(
                db_persist=True,
                expression=knowvember.search.SearchDocument(
                    {"title": "A", "text": "C"}, config="knowvember"
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        search_index_operation("pledges_pledge"),
        migrations.AddField(
            model_name="activity",
            name="search_document",
            field=models.GeneratedField(
                db_persist=True,
                expression=knowvember.search.SearchDocument({"name": "A"}, config="knowvember"),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        trigram_index_operation("pledges_pledge", "title"),
        trigram_index_operation("pledges_activity", "name"),
    ]
