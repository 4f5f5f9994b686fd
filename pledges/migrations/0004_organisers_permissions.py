from django.db import migrations

from accounts.permissions import organiser_permissions_migration


class Migration(migrations.Migration):
    """Organisers moderate pledges and edit the technique taxonomy."""

    dependencies = [
        ("pledges", "0003_pledge"),
        ("accounts", "0002_organisers_group"),
    ]

    operations = [
        migrations.RunPython(organiser_permissions_migration("pledges"), migrations.RunPython.noop)
    ]
