"""Organisers change or cancel an event in the admin, and the people booked hear about it once."""

import datetime

import icalendar
import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse

from events.models import Event, Registration
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client


@pytest.fixture
def booked_event():
    """A published event with two places taken, one person waiting and one cancellation."""
    event = EventFactory(title="Knowledge café", capacity=2)
    for email in ["ada@example.nhs.uk", "bo@example.nhs.uk"]:
        RegistrationFactory(event=event, user=UserFactory(email=email))
    RegistrationFactory(
        event=event, status=Status.WAITING, user=UserFactory(email="cy@example.nhs.uk")
    )
    RegistrationFactory(
        event=event, status=Status.CANCELLED, user=UserFactory(email="di@example.nhs.uk")
    )
    return event


def change_form_data(event, **changes):
    """The admin change form as a browser posts it, with `changes` applied."""
    values = {
        "title": event.title,
        "slug": event.slug,
        "campaign": event.campaign_id,
        "region": event.region_id,
        "format": event.format,
        "is_published": "on" if event.is_published else "",
        "venue_name": event.venue_name,
        "venue_address": event.venue_address,
        "join_url": event.join_url,
        "hashtag": event.hashtag,
        "how_to_join": event.how_to_join,
        "description": event.description,
        "accessibility": event.accessibility,
        "capacity": event.capacity if event.capacity is not None else "",
        "bookings_open": "on" if event.bookings_open else "",
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
    } | changes
    for name in ["starts_at", "ends_at"]:
        moment = values.pop(name).astimezone()
        values[f"{name}_0"] = moment.strftime("%Y-%m-%d")
        values[f"{name}_1"] = moment.strftime("%H:%M:%S")
    registrations = event.registrations.count()
    values |= {
        "registrations-TOTAL_FORMS": registrations,
        "registrations-INITIAL_FORMS": registrations,
        "registrations-MIN_NUM_FORMS": 0,
        "registrations-MAX_NUM_FORMS": 1000,
    }
    for i, pk in enumerate(event.registrations.order_by("status", "status_changed_at", "pk")
                           .values_list("pk", flat=True)):  # fmt: skip
        values |= {f"registrations-{i}-id": pk, f"registrations-{i}-event": event.pk}
    return {name: value for name, value in values.items() if value != ""}


def vevent_of(message):
    filename, content, mimetype = message.attachments[0]
    assert mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(content)
    [vevent] = calendar.walk("VEVENT")
    return calendar, vevent


def public_vevent(client, event):
    calendar = icalendar.Calendar.from_ical(
        client.get(reverse("events:ics", args=[event.slug])).content
    )
    return calendar.walk("VEVENT")[0]


def test_changing_the_start_asks_first_then_emails_each_attendee_once_with_a_newer_ics(
    organiser_client, booked_event, django_capture_on_commit_callbacks
):
    before = public_vevent(organiser_client, booked_event)
    url = reverse("admin:events_event_change", args=[booked_event.pk])
    later = booked_event.starts_at + datetime.timedelta(hours=1)
    data = change_form_data(booked_event, starts_at=later, _save="Save")

    asked = organiser_client.post(url, data)

    page = asked.content.decode()
    assert asked.status_code == 200
    assert "Save and email 3 people" in page
    assert "2 with a place and 1 on the waiting list" in page
    booked_event.refresh_from_db()
    assert booked_event.starts_at != later  # nothing saved yet

    with django_capture_on_commit_callbacks(execute=True):
        saved = organiser_client.post(url, data | {"_attendee_email": "send"})

    assert saved.status_code == 302
    booked_event.refresh_from_db()
    assert booked_event.starts_at == later
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ada@example.nhs.uk",
        "bo@example.nhs.uk",
        "cy@example.nhs.uk",
    ]
    by_person = {m.to[0]: m for m in mail.outbox}
    for email in ["ada@example.nhs.uk", "bo@example.nhs.uk"]:
        message = by_person[email]
        assert message.subject == "KNOWvember: Knowledge café has changed"
        assert "- Start: now" in message.body
        calendar, vevent = vevent_of(message)
        assert vevent["UID"] == before["UID"]
        assert vevent["SEQUENCE"] > before.get("SEQUENCE", 0)
        assert vevent.decoded("DTSTART") == later
    waiting = by_person["cy@example.nhs.uk"]
    assert "are on the waiting list" in waiting.body
    assert waiting.attachments == []  # no calendar entry without a place, as when they joined
    assert public_vevent(organiser_client, booked_event)["SEQUENCE"] == booked_event.sequence == 1
    assert LogEntry.objects.filter(change_message__startswith="Emailed 3 attendee").exists()


def test_a_change_attendees_do_not_rely_on_saves_without_asking_or_emailing(
    organiser_client, booked_event, django_capture_on_commit_callbacks
):
    url = reverse("admin:events_event_change", args=[booked_event.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(
            url, change_form_data(booked_event, description="A better description.")
        )

    assert response.status_code == 302
    booked_event.refresh_from_db()
    assert booked_event.description == "A better description."
    assert booked_event.sequence == 0
    assert mail.outbox == []


def test_moving_an_event_nobody_booked_saves_without_asking(
    organiser_client, django_capture_on_commit_callbacks
):
    event = EventFactory()
    url = reverse("admin:events_event_change", args=[event.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = organiser_client.post(
            url, change_form_data(event, venue_name="Lecture theatre 2")
        )

    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.venue_name, event.sequence) == ("Lecture theatre 2", 1)
    assert mail.outbox == []


def test_the_organiser_can_save_a_change_without_emailing(
    organiser_client, booked_event, django_capture_on_commit_callbacks
):
    url = reverse("admin:events_event_change", args=[booked_event.pk])
    data = change_form_data(booked_event, venue_address="Example Hospital\nLevel 2")

    with django_capture_on_commit_callbacks(execute=True):
        organiser_client.post(url, data | {"_attendee_email": "skip"})

    booked_event.refresh_from_db()
    assert booked_event.venue_address == "Example Hospital\nLevel 2"
    assert booked_event.sequence == 1  # calendars that download it again still update
    assert mail.outbox == []


def test_an_invalid_change_shows_the_form_errors_not_the_question(organiser_client, booked_event):
    url = reverse("admin:events_event_change", args=[booked_event.pk])
    data = change_form_data(
        booked_event, ends_at=booked_event.starts_at - datetime.timedelta(hours=1)
    )

    response = organiser_client.post(url, data)

    assert response.status_code == 200
    assert "Email attendees" not in response.content.decode()
    assert response.context["errors"]


def test_a_new_join_link_reaches_only_people_with_a_place(
    organiser_client, django_capture_on_commit_callbacks
):
    event = EventFactory(
        format=Event.Format.ONLINE_SESSION, venue_name="", venue_address="", capacity=1,
        join_url="https://teams.example.com/old",
    )  # fmt: skip
    RegistrationFactory(event=event, user=UserFactory(email="in@example.nhs.uk"))
    RegistrationFactory(
        event=event, status=Status.WAITING, user=UserFactory(email="w@example.nhs.uk")
    )
    url = reverse("admin:events_event_change", args=[event.pk])
    data = change_form_data(event, join_url="https://teams.example.com/new")

    with django_capture_on_commit_callbacks(execute=True):
        organiser_client.post(url, data | {"_attendee_email": "send"})

    by_person = {m.to[0]: m for m in mail.outbox}
    assert "https://teams.example.com/new" in by_person["in@example.nhs.uk"].body
    assert "teams.example.com" not in by_person["w@example.nhs.uk"].body
    assert "join link has changed" in by_person["w@example.nhs.uk"].body


def test_cancelling_an_event_sends_method_cancel_and_stops_bookings(
    organiser_client, client, booked_event, django_capture_on_commit_callbacks
):
    before = public_vevent(client, booked_event)
    url = reverse("admin:events_event_cancel", args=[booked_event.pk])

    asked = organiser_client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        done = organiser_client.post(url, {"confirm_cancel": "yes"})

    assert "Yes, cancel and email 3 people" in asked.content.decode()
    assert done.status_code == 302
    booked_event.refresh_from_db()
    assert booked_event.is_cancelled and not booked_event.bookings_open
    assert len(mail.outbox) == 3
    by_person = {m.to[0]: m for m in mail.outbox}
    for email in ["ada@example.nhs.uk", "bo@example.nhs.uk"]:
        calendar, vevent = vevent_of(by_person[email])
        assert calendar["METHOD"] == "CANCEL"
        assert vevent["STATUS"] == "CANCELLED"
        assert vevent["UID"] == before["UID"]
        assert vevent["SEQUENCE"] > before.get("SEQUENCE", 0)
    assert by_person["cy@example.nhs.uk"].attachments == []
    assert "has been cancelled" in by_person["cy@example.nhs.uk"].body
    newcomer = UserFactory()
    client.force_login(newcomer)
    page = client.get(booked_event.get_absolute_url()).content.decode()
    assert "This event has been cancelled" in page
    client.post(reverse("events:book", args=[booked_event.slug]))
    assert not Registration.objects.filter(user=newcomer).exists()
    assert LogEntry.objects.filter(object_id=str(booked_event.pk)).count() == 1


def test_cancelling_twice_emails_nobody_again(
    organiser_client, booked_event, django_capture_on_commit_callbacks
):
    url = reverse("admin:events_event_cancel", args=[booked_event.pk])
    with django_capture_on_commit_callbacks(execute=True):
        organiser_client.post(url, {"confirm_cancel": "yes"})
        organiser_client.post(url, {"confirm_cancel": "yes"})

    assert len(mail.outbox) == 3


def test_cancel_action_asks_then_cancels_the_selected_upcoming_events(
    organiser_client, booked_event, django_capture_on_commit_callbacks
):
    other = EventFactory()
    changelist = reverse("admin:events_event_changelist")
    selected = {"action": "cancel_events", "_selected_action": [booked_event.pk, other.pk]}

    asked = organiser_client.post(changelist, selected)
    with django_capture_on_commit_callbacks(execute=True):
        organiser_client.post(changelist, selected | {"confirm_cancel": "yes"})

    assert "Yes, cancel and email 3 people" in asked.content.decode()
    assert Event.objects.filter(cancelled_at__isnull=False).count() == 2
    assert len(mail.outbox) == 3


def test_reminders_skip_a_cancelled_event(booked_event):
    from events.services import event_cancel, reminders_send_due

    event_cancel(event=booked_event)
    mail.outbox.clear()

    assert reminders_send_due(now=booked_event.starts_at - datetime.timedelta(hours=2)) == 0


def test_staff_who_may_only_view_events_cannot_cancel_them(client, booked_event):
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_event"))
    client.force_login(viewer)
    url = reverse("admin:events_event_cancel", args=[booked_event.pk])

    assert (
        client.get(reverse("admin:events_event_change", args=[booked_event.pk])).status_code == 200
    )
    assert client.post(url, {"confirm_cancel": "yes"}).status_code == 403
    booked_event.refresh_from_db()
    assert not booked_event.is_cancelled


def test_attendance_list_has_each_person_with_a_place_and_a_signature_column(
    organiser_client, booked_event
):
    response = organiser_client.get(
        reverse("admin:events_event_attendance", args=[booked_event.pk])
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Signature" in page
    rows = response.context["attendees"]
    assert sorted(r.user.email for r in rows) == ["ada@example.nhs.uk", "bo@example.nhs.uk"]
    assert rows[0].user.name in page and rows[0].user.organisation in page
    assert "css/admin-attendance.css" in page
    assert "<style" not in page and "style=" not in page


def test_attendance_list_is_for_in_person_events(organiser_client):
    event = EventFactory(format=Event.Format.ONLINE_SESSION, venue_name="")

    response = organiser_client.get(reverse("admin:events_event_attendance", args=[event.pk]))

    assert response.status_code == 302


def test_one_events_attendees_download_as_csv(organiser_client, booked_event):
    response = organiser_client.get(
        reverse("admin:events_event_attendees_csv", args=[booked_event.pk])
    )

    body = response.content.decode()
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert body.count("\n") == 4  # the header, two places, one waiting
    assert "di@example.nhs.uk" not in body
