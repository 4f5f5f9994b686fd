from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_POST, require_safe

from events.calendar import build_calendar, event_filename
from events.forms import EventFilterForm
from events.models import Event, Registration, waiting_position
from events.services import BookingUnavailable, registration_book, registration_cancel
from knowvember.cache import cached_page, content_etag
from knowvember.models import OutboundEmail
from knowvember.ratelimit import limit_exceeded, too_many_requests

PAGE_SIZE = 12
# Each booking or cancellation sends email: a generous cap stops a script turning us into a spammer.
BOOKING_CHANGES_PER_HOUR = 30
CALENDAR_CACHE_SECONDS = 900


@require_safe
@cached_page
def event_list(request):
    """Upcoming events first, then the archive, narrowed by edition, region and format."""
    filters = EventFilterForm(request.GET)
    events = filters.filter(
        Event.objects.published().listing().with_place_counts().with_user_status(request.user)
    )
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"filters": filters, "page_obj": page, "events": page.object_list}
    return render(request, "events/list.html", context, status=filters.status_code)


@require_safe
@cached_page
def event_detail(request, slug):
    """One event: when, where, who it is for, and booking (or how to join the chat)."""
    event = get_object_or_404(
        Event.objects.published().with_place_counts().select_related("campaign", "region"),
        slug=slug,
    )
    registration = None
    if request.user.is_authenticated:
        registration = (
            Registration.objects.active()
            .filter(event=event, user=request.user)
            .annotate(position=waiting_position())
            .first()
        )
    context = {
        "event": event,
        "registration": registration,
        "booking_email": _booking_email(registration),
        "booking_problem": event.booking_problem(),
    }
    return render(request, "events/detail.html", context)


def _booking_email(registration):
    """The outbox row telling the person about their place, so the page says what happened."""
    if registration is None or registration.status != Registration.Status.CONFIRMED:
        return None
    return (
        OutboundEmail.objects.about(registration)
        .filter(kind__in=["events.confirmed", "events.promoted"])
        .order_by("-created_at")
        .first()
    )


def _too_many_changes(request) -> bool:
    return limit_exceeded(
        "events-booking", str(request.user.pk), limit=BOOKING_CHANGES_PER_HOUR, period=3600
    )


def _unavailable(request, event, message):
    """Booking refused for a reason the person should read: 409, in the site's layout."""
    return render(
        request, "events/unavailable.html", {"event": event, "message": message}, status=409
    )


@require_POST
def book(request, slug):
    """Book a place (or join the waiting list), then back to the event page."""
    event = get_object_or_404(Event.objects.published(), slug=slug)
    if not request.user.is_authenticated:
        return redirect_to_login(event.get_absolute_url())
    if _too_many_changes(request):
        return too_many_requests(request, retry_after=3600)
    try:
        registration = registration_book(event=event, user=request.user)
    except BookingUnavailable as problem:
        return _unavailable(request, event, str(problem))
    confirmed = registration.status == Registration.Status.CONFIRMED
    if not registration.newly_booked:
        messages.info(
            request,
            "You already have a place at this event."
            if confirmed
            else "You are already on the waiting list for this event.",
        )
    elif confirmed:
        messages.success(request, "Your place is booked. We will email you the details.")
    else:
        messages.success(
            request,
            "This event is full, so you are on the waiting list. "
            "We will email you if a place comes up.",
        )
    return redirect(event)


@login_required
def cancel(request, slug):
    """Ask "are you sure?" (GET), then cancel the place or waiting-list place (POST)."""
    event = get_object_or_404(Event.objects.published(), slug=slug)
    registration = Registration.objects.active().filter(event=event, user=request.user).first()
    if registration is None:
        messages.info(request, "You do not have a place at this event.")
        return redirect(event)
    if event.has_started():
        return _unavailable(request, event, "This event has already taken place.")
    if request.method == "POST":
        if _too_many_changes(request):
            return too_many_requests(request, retry_after=3600)
        try:
            registration_cancel(registration=registration)
        except BookingUnavailable as problem:
            return _unavailable(request, event, str(problem))
        if registration.status == Registration.Status.WAITING:
            messages.success(request, "You have left the waiting list.")
        else:
            messages.success(request, "Your place has been cancelled.")
        return redirect(event)
    return render(request, "events/cancel.html", {"event": event, "registration": registration})


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
@cache_control(max_age=900, public=True)
@condition(etag_func=content_etag("events"))
def event_ics(request, slug):
    """One event as an .ics file (no join link: that is only for booked attendees)."""
    event = get_object_or_404(Event.objects.published(), slug=slug)
    return _ics_response(build_calendar([event], name=event.title), event_filename(event))


@require_safe
@cache_control(max_age=900, public=True)
@condition(etag_func=content_etag("events"))
def calendar_ics(request):
    """Every upcoming published event: a calendar people can subscribe to."""
    events = Event.objects.published().upcoming()
    # Building 500 VEVENTs takes most of a second: cache the file until an event is added,
    # edited, unpublished or finishes (any of which changes the count or the latest edit).
    state = events.aggregate(count=Count("pk"), changed=Max("updated_at"))
    changed = state["changed"].timestamp() if state["changed"] else 0
    key = f"events:calendar:{state['count']}:{changed}"
    body = cache.get(key)
    if body is None:
        body = build_calendar(events, name="KNOWvember events")
        cache.set(key, body, CALENDAR_CACHE_SECONDS)
    return _ics_response(body, "knowvember-events.ics")
