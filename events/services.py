"""Booking, cancelling and reminding: the only code that changes who has a place at an event,
and the code that tells those people when the event itself changes or is cancelled.

Every change to an event's bookings happens inside a transaction that first locks the event's
row (`select_for_update`), so two people can never both take the last place. Emails are queued
in the outbox inside the same transaction (a row, no network), and sent after commit.
"""

import datetime
from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.utils import timezone

from events.calendar import build_calendar, event_filename
from events.models import Event, Registration
from knowvember.emails import queue_email
from knowvember.templatetags.ukdates import uk_datetime

Status = Registration.Status


class BookingUnavailable(Exception):
    """Booking or cancelling is not possible now; str() is a sentence to show the person."""


class EventAlreadyStarted(Exception):
    """An event that has started (or finished) can no longer be cancelled."""


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
        if event.has_started() or event.is_cancelled:
            return []
        promoted = _fill_from_waiting_list(event)
        for registration in promoted:
            _send_promoted(registration)
    return promoted


@dataclass(frozen=True)
class EventChange:
    """One thing attendees rely on that an organiser changed, worded for them."""

    field: str
    label: str
    before: str
    after: str


CHANGE_LABELS = {
    "starts_at": "Start",
    "ends_at": "End",
    "venue_name": "Venue",
    "venue_address": "Address",
    "join_url": "Online join link",
}


def _shown(field: str, value) -> str:
    if isinstance(value, datetime.datetime):
        return uk_datetime(value)
    return str(value or "").strip() or "(none)"


def event_changes_for_attendees(*, event: Event, stored: Event | None = None) -> list[EventChange]:
    """What differs in `event` (changed but not saved yet) from the saved event, among the
    fields attendees rely on (Event.ATTENDEE_FIELDS)."""
    if event.pk is None:
        return []
    stored = stored or Event.objects.get(pk=event.pk)
    return [
        EventChange(
            field=name,
            label=CHANGE_LABELS[name],
            before=_shown(name, getattr(stored, name)),
            after=_shown(name, getattr(event, name)),
        )
        for name in Event.ATTENDEE_FIELDS
        if getattr(stored, name) != getattr(event, name)
    ]


def event_attendees_to_notify(*, event: Event):
    """The people told about a change: confirmed and waiting, of a published, running event."""
    if not event.is_published or event.is_cancelled:
        return Registration.objects.none()
    return Registration.objects.active().filter(event=event).select_related("user", "event")


def event_update_notify(*, event: Event, notify: bool = True) -> int:
    """Save an organiser's changes to an event; when its time or place changed, raise its
    SEQUENCE (so calendars replace the entry) and, once the change is committed, email each
    person with a place or a waiting-list place what changed, once.

    Confirmed attendees get the updated .ics (same UID); people waiting get no calendar file,
    as when they joined the list. `notify=False` saves without emailing (a typo fixed before
    anyone booked, say). Returns how many people will be emailed.
    """
    with transaction.atomic():
        stored = Event.objects.select_for_update().filter(pk=event.pk).first()
        changes = event_changes_for_attendees(event=event, stored=stored) if stored else []
        if changes:
            event.sequence = stored.sequence + 1
        event.save()
        registrations = list(event_attendees_to_notify(event=event)) if changes and notify else []
        if registrations:
            transaction.on_commit(partial(_send_event_changed, event, registrations, changes))
    return len(registrations)


def event_cancel(*, event: Event) -> int:
    """Cancel an event: nobody can book it, reminders stop, and once committed each person with
    a place or a waiting-list place is emailed, the confirmed ones with a METHOD:CANCEL .ics
    that takes it out of their calendar. Cancelling twice does nothing. Returns how many people
    will be emailed; raises EventAlreadyStarted for an event that has begun.
    """
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if event.is_cancelled:
            return 0
        if event.has_started():
            raise EventAlreadyStarted(f"{event.title} has already started.")
        registrations = list(event_attendees_to_notify(event=event))
        event.cancelled_at = timezone.now()
        event.bookings_open = False
        event.sequence += 1
        event.save(update_fields=["cancelled_at", "bookings_open", "sequence", "updated_at"])
        if registrations:
            transaction.on_commit(partial(_send_event_cancelled, event, registrations))
    return len(registrations)


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
        event__cancelled_at__isnull=True,
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


def _ics_attachment(event: Event, method: str = "PUBLISH") -> list[list[str]]:
    ics = build_calendar([event], name=event.title, attendee_join_links=True, method=method)
    return [[event_filename(event), ics.decode(), "text/calendar"]]


def _email(
    registration, *, subject: str, template: str, with_calendar: bool, method="PUBLISH", **context
):
    event = registration.event
    return queue_email(
        to=registration.user.email,
        subject=subject,
        template=f"events/email/{template}.txt",
        context={"event": event, "registration": registration, "user": registration.user} | context,
        about=registration,
        attachments=_ics_attachment(event, method) if with_calendar else None,
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


def _send_event_changed(event, registrations, changes):
    for registration in registrations:
        registration.event = event  # the saved event, with its new SEQUENCE
        confirmed = registration.status == Status.CONFIRMED
        _email(
            registration,
            subject=f"{event.title} has changed",
            template="event_changed",
            with_calendar=confirmed,
            changes=changes,
            confirmed=confirmed,
        )


def _send_event_cancelled(event, registrations):
    for registration in registrations:
        registration.event = event
        confirmed = registration.status == Status.CONFIRMED
        _email(
            registration,
            subject=f"{event.title} is cancelled",
            template="event_cancelled",
            with_calendar=confirmed,
            method="CANCEL",
            confirmed=confirmed,
        )
