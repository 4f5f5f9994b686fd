from django.db import migrations

from accounts.permissions import organiser_permissions_migration


class Migration(migrations.Migration):
    """Organisers manage consent wordings and see, export and unsubscribe subscribers."""

    dependencies = [
        ("community", "0001_initial"),
        ("accounts", "0002_organisers_group"),
    ]

    operations = [
        migrations.RunPython(
            organiser_permissions_migration("community"), migrations.RunPython.noop
        ),
    ]
