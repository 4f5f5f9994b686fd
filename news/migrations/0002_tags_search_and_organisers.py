from django.db import migrations

from accounts.permissions import organiser_permissions_migration
from knowvember.search import search_index_operation

TAGS = [("events", "Events"), ("pledges", "Pledges"), ("showcases", "Showcases"), ("community", "Community")]


def create_tags(apps, schema_editor):
    Tag = apps.get_model("news", "Tag")
    for order, (slug, name) in enumerate(TAGS):
        Tag.objects.update_or_create(slug=slug, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        ("accounts", "0002_organisers_group"),
    ]

    operations = [
        migrations.RunPython(create_tags, migrations.RunPython.noop),
        search_index_operation("news_post"),
        migrations.RunPython(organiser_permissions_migration("news"), migrations.RunPython.noop),
    ]
