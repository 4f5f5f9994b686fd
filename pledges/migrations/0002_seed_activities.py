from django.db import migrations

from pledges.taxonomy import seed_activities


def forwards(apps, schema_editor):
    seed_activities(apps.get_model("pledges", "Activity"))


class Migration(migrations.Migration):
    """A fresh database has the Knowledge Mobilisation Framework techniques."""

    dependencies = [("pledges", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
