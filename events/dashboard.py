"""The events section of My KNOWvember: the person's places and waiting-list places."""

from django.template.loader import render_to_string
from django.utils import timezone

from events.models import Registration, waiting_position


def dashboard_panel(request) -> str:
    """Upcoming bookings and waiting-list places (one query), and how to find more events."""
    registrations = list(
        Registration.objects.active()
        .filter(
            user=request.user,
            event__is_published=True,
            event__ends_at__gte=timezone.now(),
        )
        .select_related("event")
        .annotate(position=waiting_position())
        .order_by("event__starts_at", "pk")
    )
    context = {
        "bookings": [r for r in registrations if r.status == Registration.Status.CONFIRMED],
        "waiting": [r for r in registrations if r.status == Registration.Status.WAITING],
    }
    return render_to_string("events/dashboard_panel.html", context, request=request)
