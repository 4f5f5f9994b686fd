"""The Organisers group: who runs the campaign from the admin, and what they may touch."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

ORGANISERS_GROUP = "Organisers"


def grant_organiser_permissions(apps, schema_editor, *, app_labels, actions=None):
    """Give the Organisers group the model permissions of these apps (used from migrations).

    Permissions are normally created after migrations; create them now so a fresh
    database gets a complete group in one `migrate`.
    """
    for label in app_labels:
        create_permissions(global_apps.get_app_config(label), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=ORGANISERS_GROUP)
    permissions = Permission.objects.filter(content_type__app_label__in=app_labels)
    if actions:
        permissions = permissions.filter(codename__regex=rf"^({'|'.join(actions)})_")
    group.permissions.add(*permissions)


def organiser_permissions_migration(*app_labels, actions=None):
    """A RunPython pair granting (and, backwards, leaving) the group these permissions."""

    def forwards(apps, schema_editor):
        grant_organiser_permissions(apps, schema_editor, app_labels=app_labels, actions=actions)

    return forwards
