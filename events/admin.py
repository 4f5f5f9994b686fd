import csv

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import csrf_protect_m
from django.contrib.admin.utils import unquote
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify

from events import services
from events.admin_todo import SOON_DAYS
from events.models import Event, Registration
from knowvember.admin_views import object_view
from knowvember.templatetags.ukdates import uk_time

# The change form's confirmation page sends this back: "send" emails attendees, "skip" does not.
ATTENDEE_EMAIL_FIELD = "_attendee_email"


class RegistrationInline(admin.TabularInline):
    """Bookings and the waiting list, read-only: changes go through the booking rules."""

    model = Registration
    extra = 0
    can_delete = False
    fields = ["user", "user_email", "status", "status_changed_at", "reminder_sent_at"]
    readonly_fields = fields
    ordering = ["status", "status_changed_at", "pk"]
    show_change_link = True
    verbose_name = "booking"
    verbose_name_plural = "Bookings and waiting list (cancel from the Registrations list)"
    classes = ["collapse"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="Email")
    def user_email(self, registration):
        return registration.user.email


# Spreadsheet programs run cells that start with these as formulas (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


def attendees_csv(events, filename: str) -> HttpResponse:
    """Everyone with a place or a waiting-list place at these events, one row each."""
    registrations = (
        Registration.objects.active()
        .filter(event__in=events)
        .select_related("event", "user", "user__region")
        .order_by("event__starts_at", "event__pk", "status", "status_changed_at", "pk")
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    writer = csv.writer(response)
    writer.writerow(
        ["Event", "Starts", "Name", "Email", "Job title", "Organisation", "Region", "Status",
         "Since"]
    )  # fmt: skip
    for registration in registrations:
        user = registration.user
        writer.writerow(
            _cell(value)
            for value in [
                registration.event.title,
                timezone.localtime(registration.event.starts_at).strftime("%Y-%m-%d %H:%M"),
                user.name,
                user.email,
                user.job_title,
                user.organisation,
                user.region.name if user.region else "",
                registration.get_status_display(),
                timezone.localtime(registration.status_changed_at).strftime("%Y-%m-%d %H:%M"),
            ]
        )
    return response


class WhenFilter(admin.SimpleListFilter):
    """Upcoming events unless the organiser asks for others: the list opens on what is next.

    Drilling into a year or month of the date hierarchy shows every event of that period.
    """

    title = "when"
    parameter_name = "when"
    DEFAULT = "upcoming"

    def __init__(self, request, params, model, model_admin):
        self.drilling_into_dates = any(name.startswith("starts_at__") for name in params)
        super().__init__(request, params, model, model_admin)

    def lookups(self, request, model_admin):
        return [
            ("upcoming", "Upcoming"),
            ("soon", f"In the next {SOON_DAYS} days"),
            ("past", "Past"),
            ("all", "All"),
        ]

    def value(self):
        chosen = super().value()
        if chosen is None:
            return "all" if self.drilling_into_dates else self.DEFAULT
        return chosen

    def choices(self, changelist):
        # No separate "All" entry for "no parameter": that means upcoming here.
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        now = timezone.now()
        match self.value():
            case "upcoming":
                return queryset.upcoming(now)
            case "soon":
                return queryset.starting_within(SOON_DAYS, now)
            case "past":
                return queryset.past(now)
        return queryset


class CancelledFilter(admin.SimpleListFilter):
    title = "cancelled"
    parameter_name = "cancelled"

    def lookups(self, request, model_admin):
        return [("yes", "Cancelled"), ("no", "Going ahead")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(cancelled_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(cancelled_at__isnull=True)
        return queryset


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    change_form_template = "events/admin/event_change_form.html"
    list_display = ["event_title", "when", "format", "places", "bookings_open", "is_published"]
    list_filter = [
        WhenFilter,
        "campaign",
        "region",
        "format",
        "is_published",
        "bookings_open",
        CancelledFilter,
    ]
    list_select_related = ["campaign", "region"]
    search_fields = ["title"]
    search_help_text = "Search by title."
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created_at", "updated_at", "cancelled_at", "sequence"]
    inlines = [RegistrationInline]
    actions = [
        "export_attendees",
        "duplicate",
        "close_bookings",
        "open_bookings",
        "fill_places",
        "cancel_events",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "campaign", "region", "format", "is_published"]}),
        ("When", {"fields": ["starts_at", "ends_at"]}),
        ("Where", {"fields": ["venue_name", "venue_address", "join_url"]}),
        ("Online chats", {"fields": ["hashtag", "how_to_join"], "classes": ["collapse"]}),
        ("About", {"fields": ["description", "accessibility"]}),
        ("Bookings", {"fields": ["capacity", "bookings_open"]}),
        (
            "History",
            {
                "fields": ["created_at", "updated_at", "cancelled_at", "sequence"],
                "classes": ["collapse"],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_place_counts()

    def get_ordering(self, request):
        """Soonest first for what is coming; most recent first once looking back."""
        if request.GET.get(WhenFilter.parameter_name) in ("past", "all"):
            return ["-starts_at"]
        return ["starts_at"]

    # The list: columns that fit a 1,280 px screen.

    @admin.display(description="title", ordering="title")
    def event_title(self, event):
        return f"{event.title} (cancelled)" if event.is_cancelled else event.title

    @admin.display(description="when", ordering="starts_at")
    def when(self, event):
        start = timezone.localtime(event.starts_at)
        return f"{start:%a} {start.day} {start:%b %Y}, {uk_time(start)}"

    @admin.display(description="places", ordering="confirmed_count")
    def places(self, event):
        return event.places_summary()

    # Saving: a change to when or where an event is reaches its attendees, once confirmed.

    @csrf_protect_m
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id and ATTENDEE_EMAIL_FIELD not in request.POST:
            confirmation = self._attendee_email_confirmation(request, object_id)
            if confirmation is not None:
                return confirmation
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _attendee_email_confirmation(self, request, object_id):
        """The "email N people?" page, when a valid change moves a published event with
        bookings in time or place; None when no one needs to be asked."""
        event = self.get_object(request, unquote(object_id))
        if event is None or not self.has_change_permission(request, event):
            return None
        form = self.get_form(request, event, change=True)(
            request.POST, request.FILES, instance=event
        )
        if not form.is_valid():
            return None
        changes = services.event_changes_for_attendees(event=form.instance)
        attendees = services.event_attendees_to_notify(event=form.instance)
        statuses = list(attendees.values_list("status", flat=True)) if changes else []
        if not statuses:
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Email attendees about this change?",
            "subtitle": None,
            "opts": self.opts,
            "original": event,
            "changes": changes,
            "confirmed": statuses.count(Registration.Status.CONFIRMED),
            "waiting": statuses.count(Registration.Status.WAITING),
            "people": len(statuses),
            "hidden_fields": [
                (name, value)
                for name in request.POST
                if name != "csrfmiddlewaretoken"
                for value in request.POST.getlist(name)
            ],
            "attendee_email_field": ATTENDEE_EMAIL_FIELD,
        }
        return TemplateResponse(request, "events/admin/confirm_change.html", context)

    def save_model(self, request, obj, form, change):
        notify = request.POST.get(ATTENDEE_EMAIL_FIELD) != "skip"
        emailed = services.event_update_notify(event=obj, notify=notify)
        if emailed:
            self.log_change(request, obj, f"Emailed {emailed} attendee(s) what changed.")
            self.message_user(
                request,
                f"{emailed} attendee(s) will be emailed what changed, with an updated "
                "calendar file for those with a place.",
                messages.SUCCESS,
            )
        if change and "capacity" in form.changed_data:
            # More places (or no limit now): the waiting list comes first, in order.
            if promoted := services.event_offer_free_places(event=obj):
                self.message_user(
                    request,
                    f"{len(promoted)} people from the waiting list now have a place; "
                    f"{len(promoted)} email(s) queued to tell them.",
                )

    # One event's pages: print the attendance list, download attendees, cancel.

    def has_export_permission(self, request):
        """Attendee lists are personal data: only people who manage bookings may download them."""
        return request.user.has_perms(["events.view_registration", "events.change_registration"])

    def has_manage_bookings_permission(self, request):
        """Moving people off the waiting list changes their bookings and emails them."""
        return request.user.has_perms(["events.change_event", "events.change_registration"])

    def get_urls(self):
        def view(method, suffix, name):
            return path(
                f"<path:object_id>/{suffix}",
                self.admin_site.admin_view(method),
                name=f"events_event_{name}",
            )

        return [
            view(self.attendance_view, "attendance/", "attendance"),
            view(self.attendees_csv_view, "attendees.csv", "attendees_csv"),
            view(self.cancel_view, "cancel/", "cancel"),
            *super().get_urls(),
        ]

    @object_view("change", methods=["GET"])
    def attendance_view(self, request, event):
        """A printable sign-in sheet for an in-person event: names, organisation, signature."""
        if event.format != Event.Format.IN_PERSON:
            self.message_user(
                request, "Attendance lists are for in-person events.", messages.WARNING
            )
            return HttpResponseRedirect(reverse("admin:events_event_change", args=[event.pk]))
        attendees = (
            event.registrations.filter(status=Registration.Status.CONFIRMED)
            .select_related("user")
            .order_by("user__name", "user__email")
        )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Attendance list: {event.title}",
            "opts": self.opts,
            "original": event,
            "event": event,
            "attendees": attendees,
            "blank_rows": range(5),
        }
        return TemplateResponse(request, "events/admin/attendance.html", context)

    @object_view("change", methods=["GET"])
    def attendees_csv_view(self, request, event):
        return attendees_csv([event], f"{event.slug}-attendees.csv")

    @object_view("change")
    def cancel_view(self, request, event):
        """Ask, then cancel one event and email everyone booked or waiting."""
        return self._cancel(request, Event.objects.filter(pk=event.pk).with_place_counts())

    # Actions: each declares the permission it needs.

    @admin.action(description="Export attendees of selected events as CSV", permissions=["export"])
    def export_attendees(self, request, queryset):
        stamp = timezone.localtime().strftime("%Y-%m-%d")
        return attendees_csv(queryset, f"event-attendees-{stamp}.csv")

    @admin.action(
        description="Duplicate selected events (as unpublished drafts)", permissions=["add"]
    )
    def duplicate(self, request, queryset):
        with transaction.atomic():
            for event in queryset.order_by("pk"):
                copy = Event.objects.get(pk=event.pk)
                copy.pk = None
                copy.title = f"Copy of {event.title}"[:200]
                copy.slug = self._free_slug(f"{event.slug}-copy")
                copy.is_published = False
                copy.cancelled_at = None
                copy.sequence = 0
                copy.save()
        self.message_user(request, f"Duplicated {queryset.count()} event(s) as unpublished drafts.")

    @staticmethod
    def _free_slug(base: str) -> str:
        base = slugify(base)[:190]
        slug, n = base, 2
        while Event.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    @admin.action(description="Close bookings for selected events", permissions=["change"])
    def close_bookings(self, request, queryset):
        updated = queryset.update(bookings_open=False)
        self.message_user(request, f"Closed bookings for {updated} event(s).")

    @admin.action(description="Open bookings for selected events", permissions=["change"])
    def open_bookings(self, request, queryset):
        updated = queryset.filter(cancelled_at__isnull=True).update(bookings_open=True)
        self.message_user(request, f"Opened bookings for {updated} event(s).")

    @admin.action(
        description="Offer free places to the waiting list (after raising capacity)",
        permissions=["manage_bookings"],
    )
    def fill_places(self, request, queryset):
        promoted = sum(len(services.event_offer_free_places(event=event)) for event in queryset)
        self.message_user(request, f"Booked {promoted} people from the waiting list.")

    @admin.action(
        description="Cancel selected events and email everyone booked", permissions=["change"]
    )
    def cancel_events(self, request, queryset):
        return self._cancel(request, queryset, from_action=True)

    def _cancel(self, request, queryset, *, from_action=False):
        """The confirmation page (GET, or the action's first POST), then the cancellation."""
        events = list(queryset.order_by("starts_at", "pk"))
        if request.method == "POST" and "confirm_cancel" in request.POST:
            emailed, cancelled = 0, []
            for event in events:
                if event.is_cancelled:
                    continue
                try:
                    emailed += services.event_cancel(event=event)
                except services.EventAlreadyStarted as problem:
                    self.message_user(request, f"Not cancelled: {problem}", messages.WARNING)
                    continue
                self.log_change(request, event, "Cancelled the event and emailed attendees.")
                cancelled.append(event)
            if cancelled:
                self.message_user(
                    request,
                    f"Cancelled {len(cancelled)} event(s); {emailed} attendee(s) will be emailed.",
                    messages.SUCCESS,
                )
            if from_action:
                return None
            return HttpResponseRedirect(reverse("admin:events_event_change", args=[events[0].pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": "Cancel events" if from_action else f"Cancel {events[0].title}",
            "opts": self.opts,
            "events": events,
            "original": None if from_action else events[0],
            "people": sum(event.confirmed_count + event.waiting_count for event in events),
            "from_action": from_action,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "events/admin/cancel.html", context)


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["user", "event", "status", "status_changed_at", "reminder_sent_at"]
    list_filter = ["status", "event__campaign", "event__format"]
    list_select_related = ["user", "event"]
    search_fields = ["user__email", "user__name", "event__title"]
    date_hierarchy = "created_at"
    raw_id_fields = ["event", "user"]
    readonly_fields = ["event", "user", "status", "created_at", "status_changed_at"]
    fields = ["event", "user", "status", "created_at", "status_changed_at", "reminder_sent_at"]
    actions = ["cancel_selected"]

    def has_add_permission(self, request):
        return False  # people book through the site, so the capacity rules always apply

    @admin.action(
        description="Cancel selected bookings (the waiting list moves up)", permissions=["change"]
    )
    def cancel_selected(self, request, queryset):
        cancelled = 0
        for registration in queryset.active():
            try:
                services.registration_cancel(registration=registration)
            except services.BookingUnavailable as problem:
                self.message_user(request, f"{registration}: {problem}", messages.WARNING)
                continue
            cancelled += 1
        self.message_user(request, f"Cancelled {cancelled} booking(s).")
