"""The events' lines on the organisers' admin home: what is on in the next fortnight."""

from django.urls import reverse
from django.utils.http import urlencode

from events.models import Event
from knowvember.features import TodoDetail, TodoItem
from knowvember.templatetags.ukdates import uk_datetime

SOON_DAYS = 14  # the event list's "In the next 14 days" filter shows the same events


def todo_items(campaign, user) -> list[TodoItem]:
    """The edition's events starting in the next 14 days, each with its places (one query)."""
    if not user.has_perm("events.view_event"):
        return []
    events = (
        Event.objects.starting_within(SOON_DAYS)
        .filter(cancelled_at__isnull=True)
        .with_place_counts()
    )
    filters = {"when": "soon", "cancelled": "no"}
    if campaign:
        events = events.filter(campaign=campaign)
        filters["campaign__id__exact"] = campaign.pk
    events = list(events)
    details = tuple(
        TodoDetail(
            text=f"{event.title}, {uk_datetime(event.starts_at)}: {event.places_summary()}"
            + ("" if event.is_published else " (not published)"),
            url=reverse("admin:events_event_change", args=[event.pk]),
        )
        for event in events
    )
    return [
        TodoItem(
            count=len(events),
            text=f"event{'s' if len(events) != 1 else ''} in the next {SOON_DAYS} days",
            url=f"{reverse('admin:events_event_changelist')}?{urlencode(filters)}",
            details=details,
            order=30,
        )
    ]
