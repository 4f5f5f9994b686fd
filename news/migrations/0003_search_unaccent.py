"""Post search documents in the `knowvember` configuration (unaccent, then English stemming).

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
        ("news", "0002_tags_search_and_organisers"),
    ]

    operations = [
        search_index_operation("news_post", reverse=True),
        migrations.RemoveField(model_name="post", name="search_document"),
        migrations.AddField(
            model_name="post",
            name="search_document",
            field=models.GeneratedField(
                db_persist=True,
                expression=knowvember.search.SearchDocument(
                    {"title": "A", "summary": "B", "body": "C"}, config="knowvember"
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        search_index_operation("news_post"),
        trigram_index_operation("news_post", "title"),
    ]
