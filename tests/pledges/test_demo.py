import pytest
from django.core.management import call_command

from pledges.models import Activity, Pledge

pytestmark = pytest.mark.django_db


def test_fresh_database_has_the_technique_taxonomy():
    stages = set(Activity.objects.values_list("stage", flat=True))

    assert Activity.objects.filter(slug="randomised-coffee-trials").exists()
    assert stages == {"before", "during", "after"}
    assert Activity.objects.count() >= 13


def test_demo_data_loads_pledges_and_is_idempotent(time_machine):
    time_machine.move_to("2026-11-20 10:00 +00:00")

    call_command("load_demo", stdout=None)
    first = Pledge.objects.count()
    call_command("load_demo", stdout=None)

    assert first == Pledge.objects.count() >= 30
    assert Pledge.objects.filter(campaign__year=2018).count() >= 12
    assert Pledge.objects.filter(campaign__year=2026).count() >= 12
    assert Pledge.objects.with_lessons().exists()
    assert Pledge.objects.values("region").distinct().count() >= 5
    assert Pledge.objects.values("activity").distinct().count() >= 10
    assert all(p.author.email.endswith("@example.nhs.uk") for p in Pledge.objects.all())
