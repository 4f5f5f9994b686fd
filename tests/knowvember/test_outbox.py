"""The outbox against real SMTP servers on this machine: down, back, hanging, and two workers."""

import datetime
import threading
import time

import pytest
import time_machine
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker

from community.models import ConsentWording, Subscription
from events.models import Registration
from knowvember import outbox
from knowvember.emails import queue_email
from knowvember.models import OutboundEmail
from pledges.models import Pledge
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import PASSWORD, UserFactory
from tests.pledges.factories import PledgeFactory
from tests.smtp import HangingServer, MailServer

pytestmark = pytest.mark.django_db

Status = OutboundEmail.Status
T = datetime.datetime(2030, 11, 4, 9, 0, tzinfo=datetime.UTC)
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def mail_server():
    server = MailServer()
    yield server
    server.stop()


def run_worker():
    """`manage.py db_worker --batch`: run every task that is ready, then stop."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def message_id(envelope) -> str:
    for line in envelope.content.split(b"\r\n"):
        if line.lower().startswith(b"message-id:"):
            return line.split(b":", 1)[1].strip().decode()
    raise AssertionError("No Message-ID")


@pytest.mark.django_db(transaction=True)
def test_mail_outage_fails_no_page_loses_nothing_and_sends_everything_once_in_order(
    settings, mail_server
):
    settings.TASKS = DATABASE_QUEUE
    settings.MAILERS = mail_server.mailers()  # nothing listens on its port yet: refused
    with time_machine.travel(T, tick=False) as clock:  # the clock moves only when told
        organiser = UserFactory(is_staff=True, is_superuser=True)
        resetter, coder, booker, canceller = UserFactory.create_batch(4)
        booked_event, cancelled_event = EventFactory(), EventFactory()
        RegistrationFactory(event=cancelled_event, user=canceller)
        to_approve, to_reject = PledgeFactory.create_batch(2, status=Pledge.Status.PENDING)
        consent_version = ConsentWording.objects.current().version

        responses = {
            "sign-up": Client().post(
                reverse("account_signup"),
                {
                    "email": "new.person@example.nhs.uk",
                    "name": "N. Person",
                    "organisation": "Example NHS Foundation Trust",
                    "password1": PASSWORD,
                    "password2": PASSWORD,
                },
            ),
            "password reset": Client().post(
                reverse("account_reset_password"), {"email": resetter.email}
            ),
            "login by code": Client().post(
                reverse("account_request_login_code"), {"email": coder.email}
            ),
            "booking": signed_in(booker).post(reverse("events:book", args=[booked_event.slug])),
            "cancel": signed_in(canceller).post(
                reverse("events:cancel", args=[cancelled_event.slug])
            ),
            "pledge approve": signed_in(organiser).post(
                "/admin/pledges/pledge/", {"action": "approve", "_selected_action": [to_approve.pk]}
            ),
            "pledge reject": signed_in(organiser).post(
                "/admin/pledges/pledge/",
                {
                    "action": "reject",
                    "_selected_action": [to_reject.pk],
                    "apply": "1",
                    "reason": "identifiable",
                    "details": "Please remove the patient's initials.",
                },
            ),
            "community sign-up": Client().post(
                reverse("community:signup"),
                {
                    "email": "joiner@example.nhs.uk",
                    "name": "J. Oiner",
                    "role": "Librarian",
                    "organisation": "Example ICB",
                    "region": "",
                    "website": "",
                    "consent_version": consent_version,
                },
            ),
        }
        run_worker()  # every first attempt is refused

        assert {name: r.status_code for name, r in responses.items()} == dict.fromkeys(
            responses, 302
        )
        assert Registration.objects.get(user=booker).status == Registration.Status.CONFIRMED
        assert Subscription.objects.get().email == "joiner@example.nhs.uk"
        queued = list(OutboundEmail.objects.order_by("created_at", "pk"))
        assert [e.kind for e in queued] == [
            "account.email_confirmation_signup",
            "account.password_reset_key",
            "account.login_code",
            "events.confirmed",
            "events.cancelled",
            "pledges.approved",
            "pledges.rejected",
            "community.confirm",
        ]
        assert {(e.status, e.attempts) for e in queued} == {(Status.FAILED, 1)}
        assert "Connection refused" in queued[0].last_error
        assert mail_server.received == []

        # The server comes back; the first retry is due a minute after each failure.
        mail_server.start()
        clock.shift(datetime.timedelta(seconds=59))
        run_worker()
        assert mail_server.received == []  # not due yet: no hammering a server that was down
        clock.shift(datetime.timedelta(seconds=1))
        run_worker()
        run_worker()  # a second pass sends nothing again

    assert [message_id(m) for m in mail_server.received] == [e.message_id for e in queued]
    assert [m.rcpt_tos for m in mail_server.received] == [[e.to] for e in queued]
    sent = OutboundEmail.objects.order_by("created_at", "pk")
    assert {(e.status, e.attempts) for e in sent} == {(Status.SENT, 2)}
    assert {e.sent_at for e in sent} == {T + datetime.timedelta(minutes=1)}  # the first retry


@pytest.mark.django_db(transaction=True)
def test_a_request_answers_promptly_while_the_mail_server_hangs(settings):
    server = HangingServer()
    settings.TASKS = DATABASE_QUEUE
    settings.MAILERS = server.mailers(timeout=1)
    client = signed_in(UserFactory())
    event = EventFactory()

    try:
        started = time.monotonic()
        response = client.post(reverse("events:book", args=[event.slug]))
        answered_in = time.monotonic() - started

        started = time.monotonic()
        run_worker()
        worker_waited = time.monotonic() - started
    finally:
        server.close()

    assert response.status_code == 302
    assert answered_in < 1
    email = OutboundEmail.objects.get()
    assert email.status == Status.FAILED
    assert "timed out" in email.last_error
    assert worker_waited < 5  # the SMTP timeout, not forever


@pytest.mark.django_db(transaction=True)
def test_two_workers_send_every_message_exactly_once(settings, mail_server):
    settings.MAILERS = mail_server.mailers()
    mail_server.start()
    # Queued and committed, but no worker has run yet (the dummy queue runs nothing).
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    with transaction.atomic():
        for n in range(30):
            queue_email(
                to=f"person{n}@example.nhs.uk",
                subject="test",
                template="pledges/email/approved.txt",
                context={"pledge": None},
            )

    def sweep():
        try:
            outbox.send_due_email()
        finally:
            connection.close()

    workers = [threading.Thread(target=sweep) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    ids = [message_id(m) for m in mail_server.received]
    assert len(ids) == 30
    assert len(set(ids)) == 30
    assert set(OutboundEmail.objects.values_list("status", "attempts")) == {(Status.SENT, 1)}


def test_retries_back_off_then_give_up_after_a_day_visibly(settings, mail_server):
    settings.MAILERS = mail_server.mailers()  # refused throughout
    with time_machine.travel(T, tick=False) as clock:
        email = queue_email(
            to="someone@example.nhs.uk",
            subject="test",
            template="pledges/email/approved.txt",
            context={"pledge": None},
        )
        attempts_at = []
        while outbox.send_due_email():
            attempts_at.append(timezone.now() - T)
            email.refresh_from_db()
            if email.status != Status.FAILED:
                break
            clock.move_to(email.next_attempt_at - datetime.timedelta(seconds=1))
            assert outbox.send_due_email() == {}  # never early
            clock.move_to(email.next_attempt_at)

    assert [round(delta.total_seconds() / 60) for delta in attempts_at] == [
        0,
        1,  # + 1 minute
        6,  # + 5 minutes
        36,  # + 30 minutes
        156,  # + 2 hours
        876,  # + 12 hours
        1440,  # one last try when the day is up, instead of + 12 hours
    ]
    assert (email.status, email.attempts) == (Status.GIVEN_UP, 7)
    assert "Connection refused" in email.last_error
    assert outbox.failed_count() == 1


def test_a_worker_that_stopped_mid_send_leaves_mail_that_is_sent_later(mail_server, settings):
    settings.MAILERS = mail_server.mailers()
    mail_server.start()
    with time_machine.travel(T, tick=False):
        email = queue_email(
            to="someone@example.nhs.uk",
            subject="test",
            template="pledges/email/approved.txt",
            context={"pledge": None},
        )
        OutboundEmail.objects.filter(pk=email.pk).update(
            status=Status.SENDING, attempts=1, last_attempt_at=T
        )
        assert outbox.send_due_email() == {}  # another worker may still be sending it

    with time_machine.travel(T + outbox.CLAIM_LEASE + datetime.timedelta(seconds=1), tick=False):
        assert outbox.send_due_email() == {Status.SENT: 1}
    assert len(mail_server.received) == 1
