import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from events.models import Event, Registration
from events.services import registration_cancel
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status
NOW = datetime.datetime(2030, 11, 4, 9, 0, tzinfo=datetime.UTC)


def event_starting_in(hours, **kwargs):
    start = NOW + datetime.timedelta(hours=hours)
    return EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=1), **kwargs)


def run_reminders():
    call_command("send_event_reminders", stdout=io.StringIO())


@time_machine.travel(NOW, tick=False)
def test_reminders_go_to_confirmed_attendees_of_events_in_the_next_day(sent_mail):
    tomorrow = event_starting_in(
        20,
        title="Knowledge harvesting",
        format=Event.Format.ONLINE_SESSION,
        join_url="https://teams.example.nhs.uk/meet/harvest",
    )
    attendee = RegistrationFactory(event=tomorrow, user=UserFactory(email="in@example.nhs.uk"))
    RegistrationFactory(event=tomorrow, status=Status.WAITING)
    RegistrationFactory(event=tomorrow, status=Status.CANCELLED)
    RegistrationFactory(event=event_starting_in(30))  # too early to remind
    RegistrationFactory(event=event_starting_in(-2))  # already started

    run_reminders()

    assert [m.to for m in sent_mail()] == [["in@example.nhs.uk"]]
    reminder = sent_mail()[0]
    assert "Knowledge harvesting" in reminder.subject
    assert "https://teams.example.nhs.uk/meet/harvest" in reminder.body
    assert reminder.attachments[0][0] == f"{tomorrow.slug}.ics"
    attendee.refresh_from_db()
    assert attendee.reminder_sent_at == NOW


@time_machine.travel(NOW, tick=False)
def test_reminders_run_again_never_send_twice(sent_mail):
    RegistrationFactory(event=event_starting_in(5))

    run_reminders()
    run_reminders()
    with time_machine.travel(NOW + datetime.timedelta(hours=1), tick=False):
        run_reminders()

    assert len(sent_mail()) == 1


@time_machine.travel(NOW, tick=False)
def test_reminders_are_not_sent_for_unpublished_events(sent_mail):
    RegistrationFactory(event=event_starting_in(5, is_published=False))

    run_reminders()

    assert sent_mail() == []


def test_reminder_during_a_mail_outage_is_queued_once_and_sent_when_the_server_returns(
    settings, sent_mail
):
    with time_machine.travel(NOW, tick=False):
        registration = RegistrationFactory(event=event_starting_in(5))
        settings.MAILERS = {"default": {"BACKEND": "tests.events.failing_mail.Backend"}}
        run_reminders()
        assert sent_mail() == []
        run_reminders()  # the hourly job again: the reminder is already queued

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    with time_machine.travel(NOW + datetime.timedelta(minutes=1), tick=False):
        delivered = sent_mail()

    registration.refresh_from_db()
    assert registration.reminder_sent_at == NOW
    assert [m.to for m in delivered] == [[registration.user.email]]


@time_machine.travel(NOW, tick=False)
def test_a_promoted_person_gets_a_reminder_even_if_they_had_one_before(sent_mail):
    event = event_starting_in(10, capacity=1)
    booked = RegistrationFactory(event=event, reminder_sent_at=timezone.now())
    waiting = RegistrationFactory(event=event, status=Status.WAITING)

    registration_cancel(registration=booked, notify=False)
    sent_mail().clear()
    run_reminders()

    assert [m.to for m in sent_mail()] == [[waiting.user.email]]
