from django.db import migrations

from accounts.permissions import organiser_permissions_migration


class Migration(migrations.Migration):
    dependencies = [
        ("toolkit", "0001_initial"),
        ("accounts", "0002_organisers_group"),
    ]

    operations = [
        migrations.RunPython(organiser_permissions_migration("toolkit"), migrations.RunPython.noop)
    ]
