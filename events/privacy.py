"""What the events app holds about a person: export it, or erase it with their account."""

from django.conf import settings

from events.models import Registration
from events.services import BookingUnavailable, registration_cancel


def export_user_data(user) -> dict:
    """The person's event registrations, every status, as JSON-serialisable data."""
    registrations = (
        Registration.objects.filter(user=user).select_related("event").order_by("created_at", "pk")
    )
    return {
        "event_registrations": [
            {
                "event": registration.event.title,
                "url": f"{settings.SITE_URL}{registration.event.get_absolute_url()}",
                "status": registration.get_status_display(),
                "event_starts_at": registration.event.starts_at.isoformat(),
                "event_ends_at": registration.event.ends_at.isoformat(),
                "registered_at": registration.created_at.isoformat(),
                "status_changed_at": registration.status_changed_at.isoformat(),
                "reminder_sent_at": (
                    registration.reminder_sent_at.isoformat()
                    if registration.reminder_sent_at
                    else None
                ),
            }
            for registration in registrations
        ]
    }


def erase_user_data(user) -> None:
    """Give up the person's places (the waiting list moves up), then delete every registration."""
    for registration in Registration.objects.active().filter(user=user):
        try:
            registration_cancel(registration=registration, notify=False)
        except BookingUnavailable:
            pass  # a past event: there is no place left to free, the row is deleted below
    Registration.objects.filter(user=user).delete()
