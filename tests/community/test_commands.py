import datetime
import io

import pytest
import time_machine
from django.core.management import call_command

from community.models import Subscription
from tests.community.factories import SubscribedFactory, SubscriptionFactory, UnsubscribedFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 10, 9, 0, tzinfo=datetime.UTC)


def _ago(**kwargs):
    return NOW - datetime.timedelta(**kwargs)


def test_purge_removes_old_unconfirmed_sign_ups_and_lapsed_records_only():
    SubscriptionFactory(email="old.pending@example.nhs.uk", signed_up_at=_ago(days=31))
    SubscriptionFactory(email="young.pending@example.nhs.uk", signed_up_at=_ago(days=29))
    UnsubscribedFactory(email="long.gone@example.nhs.uk", unsubscribed_at=_ago(days=366))
    UnsubscribedFactory(email="recently.gone@example.nhs.uk", unsubscribed_at=_ago(days=10))
    SubscribedFactory(email="old.member@example.nhs.uk", signed_up_at=_ago(days=3000))

    with time_machine.travel(NOW, tick=False):
        call_command("purge_subscriptions", stdout=(out := io.StringIO()))

    assert set(Subscription.objects.values_list("email", flat=True)) == {
        "young.pending@example.nhs.uk",
        "recently.gone@example.nhs.uk",
        "old.member@example.nhs.uk",
    }
    assert "Deleted 1 unconfirmed sign-ups and 1 unsubscribed records." in out.getvalue()


def test_purge_is_safe_to_run_every_day():
    SubscriptionFactory(signed_up_at=_ago(days=40))
    SubscribedFactory()

    with time_machine.travel(NOW, tick=False):
        call_command("purge_subscriptions", stdout=io.StringIO())
        call_command("purge_subscriptions", stdout=io.StringIO())

    assert Subscription.objects.count() == 1


def test_purge_retention_for_people_who_left_can_be_set():
    UnsubscribedFactory(unsubscribed_at=_ago(days=100))

    with time_machine.travel(NOW, tick=False):
        call_command(
            "purge_subscriptions", "--unsubscribed-retention-days=90", stdout=io.StringIO()
        )

    assert Subscription.objects.count() == 0
