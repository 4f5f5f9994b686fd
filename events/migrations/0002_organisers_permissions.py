from django.db import migrations

from accounts.permissions import organiser_permissions_migration


class Migration(migrations.Migration):
    """Organisers run events and their bookings from the admin."""

    dependencies = [
        ("events", "0001_initial"),
        ("accounts", "0002_organisers_group"),
    ]

    operations = [
        migrations.RunPython(organiser_permissions_migration("events"), migrations.RunPython.noop),
    ]
