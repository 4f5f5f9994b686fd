from django.db import migrations

from accounts.permissions import organiser_permissions_migration


class Migration(migrations.Migration):
    """Organisers see team members and moderate their own lessons."""

    dependencies = [
        ("pledges", "0009_team_pledges"),
        ("accounts", "0002_organisers_group"),
    ]

    operations = [
        migrations.RunPython(organiser_permissions_migration("pledges"), migrations.RunPython.noop)
    ]
