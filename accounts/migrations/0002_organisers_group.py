from django.db import migrations

from accounts.permissions import organiser_permissions_migration


class Migration(migrations.Migration):
    """Create the Organisers group: manage editions and regions, view (not edit) people."""

    dependencies = [
        ("accounts", "0001_initial"),
        ("knowvember", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(
            organiser_permissions_migration("knowvember"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            organiser_permissions_migration("accounts", actions=["view"]),
            migrations.RunPython.noop,
        ),
    ]
