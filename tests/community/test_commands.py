import datetime
import io
import smtplib

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.urls import reverse

from community.models import Subscription
from tests.community.conftest import link_in, path_of
from tests.community.factories import SubscribedFactory, SubscriptionFactory, UnsubscribedFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 10, 9, 0, tzinfo=datetime.UTC)
BROKEN_MAILER = {"default": {"BACKEND": "tests.community.test_commands.UnreachableMailServer"}}
WORKING_MAILER = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


class UnreachableMailServer(BaseEmailBackend):
    """A mail server that is down: every send fails the way smtplib fails."""

    attempts = 0

    def send_messages(self, email_messages):
        UnreachableMailServer.attempts += 1
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture(autouse=True)
def _count_attempts():
    UnreachableMailServer.attempts = 0


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


def test_mail_outage_keeps_the_sign_up_and_the_sweep_sends_it_once_per_interval(
    client, settings, signup_data
):
    settings.MAILERS = BROKEN_MAILER
    with time_machine.travel(NOW, tick=False):
        response = client.post(reverse("community:signup"), signup_data(), follow=True)

    assert "Check your email" in response.content.decode()
    subscription = Subscription.objects.get()
    assert subscription.status == Subscription.Status.PENDING
    assert subscription.confirmation_sent_at is None
    assert UnreachableMailServer.attempts == 1

    # Still down ten minutes later: the sweep waits for its interval.
    with time_machine.travel(NOW + datetime.timedelta(minutes=10), tick=False):
        call_command("resend_confirmations", stdout=io.StringIO())
    assert UnreachableMailServer.attempts == 1

    # Still down after the interval: one more attempt, then it waits again.
    with time_machine.travel(NOW + datetime.timedelta(minutes=31), tick=False):
        call_command("resend_confirmations", stdout=io.StringIO())
        call_command("resend_confirmations", stdout=io.StringIO())
    assert UnreachableMailServer.attempts == 2

    # The server is back: the next sweep sends it, and the one after sends nothing more.
    settings.MAILERS = WORKING_MAILER
    with time_machine.travel(NOW + datetime.timedelta(minutes=70), tick=False):
        call_command("resend_confirmations", stdout=(out := io.StringIO()))
        call_command("resend_confirmations", stdout=io.StringIO())
    with time_machine.travel(NOW + datetime.timedelta(hours=5), tick=False):
        call_command("resend_confirmations", stdout=io.StringIO())

    assert "Re-sent 1 confirmation email." in out.getvalue()
    assert len(mail.outbox) == 1
    subscription.refresh_from_db()
    assert subscription.confirmation_sent_at == NOW + datetime.timedelta(minutes=70)

    with time_machine.travel(NOW + datetime.timedelta(hours=6), tick=False):
        client.post(path_of(link_in(mail.outbox[0], "confirm")))
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.SUBSCRIBED


def test_sweep_leaves_sent_confirmed_and_stale_sign_ups_alone():
    SubscriptionFactory(email="sent@example.nhs.uk", confirmation_attempted_at=_ago(days=1))
    SubscribedFactory(
        email="member@example.nhs.uk", confirmation_sent_at=None, confirmation_attempted_at=None
    )
    SubscriptionFactory(
        email="stale@example.nhs.uk",
        signed_up_at=_ago(days=8),
        confirmation_sent_at=None,
        confirmation_attempted_at=_ago(days=8),
    )
    SubscriptionFactory(
        email="failed@example.nhs.uk",
        signed_up_at=_ago(days=1),
        confirmation_sent_at=None,
        confirmation_attempted_at=_ago(days=1),
    )

    with time_machine.travel(NOW, tick=False):
        call_command("resend_confirmations", stdout=io.StringIO())

    assert [message.to for message in mail.outbox] == [["failed@example.nhs.uk"]]
