import datetime

import icalendar
import pytest
from django.db import IntegrityError
from django.utils import timezone

from events.models import Event, Registration
from events.services import (
    BookingUnavailable,
    event_offer_free_places,
    registration_book,
    registration_cancel,
)
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

Status = Registration.Status


def test_book_place_confirms_and_emails_the_booking_with_a_calendar_file(sent_mail):
    event = EventFactory(title="Peer assist workshop", capacity=2)
    user = UserFactory(email="ada@example.nhs.uk")

    registration = registration_book(event=event, user=user)

    assert registration.status == Status.CONFIRMED
    assert registration.newly_booked is True
    assert len(sent_mail()) == 1
    message = sent_mail()[0]
    assert message.to == ["ada@example.nhs.uk"]
    assert "Peer assist workshop" in message.subject
    assert "Your place is booked" in message.body
    filename, content, mimetype = message.attachments[0]
    assert filename == f"{event.slug}.ics"
    assert mimetype == "text/calendar"
    assert "BEGIN:VEVENT" in content


def test_book_place_when_full_puts_the_person_on_the_waiting_list(sent_mail):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)

    registration = registration_book(event=event, user=UserFactory())

    assert registration.status == Status.WAITING
    assert "waiting list" in sent_mail()[-1].subject
    assert sent_mail()[-1].attachments == []


def test_book_place_twice_returns_the_existing_booking_and_sends_one_email(sent_mail):
    event = EventFactory()
    user = UserFactory()
    first = registration_book(event=event, user=user)

    second = registration_book(event=event, user=user)

    assert second.pk == first.pk
    assert second.newly_booked is False
    assert Registration.objects.filter(event=event, user=user).count() == 1
    assert len(sent_mail()) == 1


def test_registration_table_refuses_a_second_row_for_the_same_person():
    registration = RegistrationFactory()

    with pytest.raises(IntegrityError):
        Registration.objects.create(
            event=registration.event, user=registration.user, status=Status.WAITING
        )


def test_book_place_after_cancelling_books_again_at_the_back_of_the_queue():
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    earlier = RegistrationFactory(event=event, status=Status.WAITING)
    mine = RegistrationFactory(event=event, status=Status.CANCELLED)

    registration = registration_book(event=event, user=mine.user)

    assert registration.pk == mine.pk
    assert registration.status == Status.WAITING
    assert registration.status_changed_at > earlier.status_changed_at


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"bookings_open": False}, "Bookings for this event are closed."),
        ({"is_published": False}, "This event is not published."),
        ({"format": Event.Format.ONLINE_CHAT}, "nothing to book"),
    ],
)
def test_book_place_is_refused_with_a_reason_when_booking_is_not_possible(
    changes, reason, sent_mail
):
    event = EventFactory(**changes)

    with pytest.raises(BookingUnavailable, match=reason):
        registration_book(event=event, user=UserFactory())

    assert not Registration.objects.exists()
    assert sent_mail() == []


def test_book_place_is_refused_once_the_event_has_started():
    start = timezone.now() - datetime.timedelta(minutes=5)
    event = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=1))

    with pytest.raises(BookingUnavailable, match="already taken place"):
        registration_book(event=event, user=UserFactory())


def test_book_place_without_a_capacity_always_confirms():
    event = EventFactory(capacity=None)
    RegistrationFactory.create_batch(3, event=event)

    assert registration_book(event=event, user=UserFactory()).status == Status.CONFIRMED


def test_cancel_booking_promotes_the_first_person_waiting_and_emails_them_once(sent_mail):
    event = EventFactory(capacity=1, title="Fishbowl")
    booked = RegistrationFactory(event=event, user=UserFactory(email="booked@example.nhs.uk"))
    first = RegistrationFactory(
        event=event, status=Status.WAITING, user=UserFactory(email="first@example.nhs.uk")
    )
    second = RegistrationFactory(event=event, status=Status.WAITING)

    promoted = registration_cancel(registration=booked)

    assert [r.pk for r in promoted] == [first.pk]
    booked.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert (booked.status, first.status, second.status) == (
        Status.CANCELLED,
        Status.CONFIRMED,
        Status.WAITING,
    )
    recipients = [message.to[0] for message in sent_mail()]
    assert sorted(recipients) == ["booked@example.nhs.uk", "first@example.nhs.uk"]
    promotion = next(m for m in sent_mail() if m.to == ["first@example.nhs.uk"])
    assert "a place has come up" in promotion.subject
    assert promotion.attachments[0][0] == f"{event.slug}.ics"


def test_cancel_booking_twice_changes_nothing_the_second_time(sent_mail):
    event = EventFactory(capacity=1)
    booked = RegistrationFactory(event=event)
    RegistrationFactory(event=event, status=Status.WAITING)
    registration_cancel(registration=booked)
    sent = len(sent_mail())

    promoted = registration_cancel(registration=booked)

    assert promoted == []
    assert len(sent_mail()) == sent
    assert event.registrations.filter(status=Status.CONFIRMED).count() == 1


def test_leaving_the_waiting_list_promotes_nobody(sent_mail):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=Status.WAITING)
    behind = RegistrationFactory(event=event, status=Status.WAITING)

    promoted = registration_cancel(registration=waiting)

    assert promoted == []
    behind.refresh_from_db()
    assert behind.status == Status.WAITING
    assert "waiting-list place" in sent_mail()[-1].subject


def test_cancel_booking_after_the_event_started_is_refused():
    registration = RegistrationFactory()
    Event.objects.filter(pk=registration.event_id).update(
        starts_at=timezone.now() - datetime.timedelta(hours=1)
    )

    with pytest.raises(BookingUnavailable):
        registration_cancel(registration=registration)

    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_offer_free_places_fills_a_raised_capacity_in_queue_order(sent_mail):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    first, second, third = RegistrationFactory.create_batch(3, event=event, status=Status.WAITING)
    Event.objects.filter(pk=event.pk).update(capacity=3)

    promoted = event_offer_free_places(event=event)

    assert [r.pk for r in promoted] == [first.pk, second.pk]
    third.refresh_from_db()
    assert third.status == Status.WAITING
    assert len(sent_mail()) == 2


def test_newcomer_does_not_jump_the_queue_when_a_place_is_free():
    event = EventFactory(capacity=1)
    waiting = RegistrationFactory(event=event, status=Status.WAITING)

    newcomer = registration_book(event=event, user=UserFactory())

    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert newcomer.status == Status.WAITING


def test_join_link_is_in_a_confirmed_attendees_email_but_not_a_waiting_persons(sent_mail):
    event = EventFactory(
        format=Event.Format.ONLINE_SESSION,
        capacity=1,
        join_url="https://teams.example.nhs.uk/meet/cafe",
        venue_name="",
    )

    registration_book(event=event, user=UserFactory())
    registration_book(event=event, user=UserFactory())

    confirmed, waiting = sent_mail()
    assert "https://teams.example.nhs.uk/meet/cafe" in confirmed.body
    [vevent] = icalendar.Calendar.from_ical(confirmed.attachments[0][1]).walk("VEVENT")
    assert "https://teams.example.nhs.uk/meet/cafe" in str(vevent["DESCRIPTION"])
    assert "teams.example.nhs.uk" not in waiting.body
