"""Booking, cancelling and reminding: the only code that changes who has a place at an event.

Every change to an event's bookings happens inside a transaction that first locks the event's
row (`select_for_update`), so two people can never both take the last place. Emails are queued
in the outbox inside the same transaction (a row, no network), and sent after commit.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from events.calendar import build_calendar, event_filename
from events.models import Event, Registration
from knowvember.emails import queue_email
from knowvember.templatetags.ukdates import uk_datetime

Status = Registration.Status


class BookingUnavailable(Exception):
    """Booking or cancelling is not possible now; str() is a sentence to show the person."""


def registration_book(*, event: Event, user) -> Registration:
    """Give the user a place, or a place on the waiting list once the event is full.

    Booking twice returns the existing registration (with `newly_booked` False) rather than
    failing, so a double submit shows the booking the person already has.
    """
    return _book(event=event, user=user, lock=True)


def _book(*, event: Event, user, lock: bool) -> Registration:
    # `lock=False` exists only for the test that proves the lock is what prevents overbooking.
    events = Event.objects.select_for_update() if lock else Event.objects.all()
    with transaction.atomic():
        event = events.get(pk=event.pk)
        if problem := event.booking_problem():
            raise BookingUnavailable(problem)
        registration = Registration.objects.filter(event=event, user=user).first()
        if registration is not None and registration.is_active:
            registration.newly_booked = False
            return registration
        # People already waiting come before a newcomer when places have been freed.
        promoted = _fill_from_waiting_list(event)
        confirmed = _confirmed_count(event)
        has_room = event.capacity is None or confirmed < event.capacity
        registration = registration or Registration(event=event, user=user)
        registration.status = Status.CONFIRMED if has_room else Status.WAITING
        registration.status_changed_at = timezone.now()
        registration.reminder_sent_at = None
        registration.save()
        if registration.status == Status.CONFIRMED:
            _send_confirmed(registration)
        else:
            _send_waiting(registration)
        for other in promoted:
            _send_promoted(other)
    registration.newly_booked = True
    return registration


def registration_cancel(*, registration: Registration, notify: bool = True) -> list[Registration]:
    """Cancel a place (or leave the waiting list) and offer any freed place to the next person.

    Returns the registrations promoted from the waiting list (they are emailed). `notify=False`
    skips the email to the person cancelling (used when they are erasing their account).
    """
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.select_related("user").get(pk=registration.pk)
        registration.event = event
        if not registration.is_active:
            return []
        if event.has_started():
            raise BookingUnavailable("This event has already taken place.")
        was_waiting = registration.status == Status.WAITING
        registration.status = Status.CANCELLED
        registration.status_changed_at = timezone.now()
        registration.save(update_fields=["status", "status_changed_at"])
        promoted = _fill_from_waiting_list(event)
        if notify:
            _send_cancelled(registration, was_waiting=was_waiting)
        for other in promoted:
            _send_promoted(other)
    return promoted


def event_offer_free_places(*, event: Event) -> list[Registration]:
    """Promote people from the waiting list into any free places (after capacity is raised)."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.has_started():
            return []
        promoted = _fill_from_waiting_list(event)
        for registration in promoted:
            _send_promoted(registration)
    return promoted


def _confirmed_count(event: Event) -> int:
    return event.registrations.filter(status=Status.CONFIRMED).count()


def _fill_from_waiting_list(event: Event) -> list[Registration]:
    """Inside the event's lock: confirm waiting people, first come first served, while room."""
    waiting = (
        event.registrations.filter(status=Status.WAITING)
        .select_related("user", "event")
        .order_by("status_changed_at", "pk")
    )
    if event.capacity is not None:
        free = event.capacity - _confirmed_count(event)
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = list(waiting)
    now = timezone.now()
    for registration in promoted:
        registration.status = Status.CONFIRMED
        registration.status_changed_at = now
        registration.reminder_sent_at = None
        registration.save(update_fields=["status", "status_changed_at", "reminder_sent_at"])
    return promoted


def reminders_send_due(*, now: datetime.datetime | None = None, hours: int = 24) -> int:
    """Email everyone with a confirmed place at an event starting in the next `hours`.

    Safe to run as often as you like, even twice at once: each reminder is claimed by setting
    `reminder_sent_at` in one conditional UPDATE, in the transaction that queues it in the
    outbox, so it is queued once; the outbox retries it through a mail outage.
    """
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        event__is_published=True,
        event__starts_at__gt=now,
        event__starts_at__lte=now + datetime.timedelta(hours=hours),
    ).select_related("event", "user")
    sent = 0
    for registration in due:
        with transaction.atomic():
            claimed = Registration.objects.filter(
                pk=registration.pk, status=Status.CONFIRMED, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now)
            if not claimed:
                continue  # another run got there first, or the place was cancelled meanwhile
            _send_reminder(registration)
        sent += 1
    return sent


# Emails. A confirmed place always carries the .ics and, for online events, the join link.


def _ics_attachment(event: Event) -> list[list[str]]:
    ics = build_calendar([event], name=event.title, attendee_join_links=True)
    return [[event_filename(event), ics.decode(), "text/calendar"]]


def _email(registration, *, subject: str, template: str, with_calendar: bool, **context):
    event = registration.event
    return queue_email(
        to=registration.user.email,
        subject=subject,
        template=f"events/email/{template}.txt",
        context={"event": event, "registration": registration, "user": registration.user} | context,
        about=registration,
        attachments=_ics_attachment(event) if with_calendar else None,
    )


def _send_confirmed(registration):
    return _email(
        registration,
        subject=f"your place at {registration.event.title} is booked",
        template="confirmed",
        with_calendar=True,
    )


def _send_waiting(registration):
    return _email(
        registration,
        subject=f"you are on the waiting list for {registration.event.title}",
        template="waiting",
        with_calendar=False,
    )


def _send_promoted(registration):
    return _email(
        registration,
        subject=f"a place has come up at {registration.event.title}: you are booked",
        template="promoted",
        with_calendar=True,
    )


def _send_cancelled(registration, *, was_waiting: bool):
    what = "waiting-list place" if was_waiting else "place"
    return _email(
        registration,
        subject=f"your {what} at {registration.event.title} is cancelled",
        template="cancelled",
        with_calendar=False,
        was_waiting=was_waiting,
    )


def _send_reminder(registration):
    event = registration.event
    return _email(
        registration,
        subject=f"reminder: {event.title}, {uk_datetime(event.starts_at)}",
        template="reminder",
        with_calendar=True,
    )
