from django.db import migrations

from accounts.permissions import organiser_permissions_migration


class Migration(migrations.Migration):
    """Organisers see the weekly lessons digests that went out."""

    dependencies = [
        ("community", "0005_lessons_digest"),
        ("accounts", "0002_organisers_group"),
    ]

    operations = [
        migrations.RunPython(
            organiser_permissions_migration("community"), migrations.RunPython.noop
        ),
    ]
