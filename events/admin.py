import csv

from django.contrib import admin, messages
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify

from events.models import Event, Registration
from events.services import BookingUnavailable, event_offer_free_places, registration_cancel


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


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "starts_at",
        "campaign",
        "region",
        "format",
        "places",
        "waiting",
        "bookings_open",
        "is_published",
    ]
    list_filter = ["campaign", "region", "format", "is_published", "bookings_open"]
    list_select_related = ["campaign", "region"]
    search_fields = ["title", "description", "venue_name", "hashtag"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created_at", "updated_at"]
    inlines = [RegistrationInline]
    actions = ["export_attendees", "duplicate", "close_bookings", "open_bookings", "fill_places"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "campaign", "region", "format", "is_published"]}),
        ("When", {"fields": ["starts_at", "ends_at"]}),
        ("Where", {"fields": ["venue_name", "venue_address", "join_url"]}),
        ("Online chats", {"fields": ["hashtag", "how_to_join"], "classes": ["collapse"]}),
        ("About", {"fields": ["description", "accessibility"]}),
        ("Bookings", {"fields": ["capacity", "bookings_open"]}),
        ("History", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_place_counts()

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "capacity" in form.changed_data:
            # More places (or no limit now): the waiting list comes first, in order.
            if promoted := event_offer_free_places(event=obj):
                self.message_user(
                    request,
                    f"{len(promoted)} people from the waiting list now have a place; "
                    f"{len(promoted)} email(s) queued to tell them.",
                )

    @admin.display(description="Booked", ordering="confirmed_count")
    def places(self, event):
        if event.capacity is None:
            return f"{event.confirmed_count}"
        return f"{event.confirmed_count} of {event.capacity}"

    @admin.display(description="Waiting", ordering="waiting_count")
    def waiting(self, event):
        return event.waiting_count

    def has_export_permission(self, request):
        """Attendee lists are personal data: only people who manage bookings may download them."""
        return request.user.has_perms(["events.view_registration", "events.change_registration"])

    def has_manage_bookings_permission(self, request):
        """Moving people off the waiting list changes their bookings and emails them."""
        return request.user.has_perms(["events.change_event", "events.change_registration"])

    @admin.action(description="Export attendees of selected events as CSV", permissions=["export"])
    def export_attendees(self, request, queryset):
        registrations = (
            Registration.objects.active()
            .filter(event__in=queryset)
            .select_related("event", "user", "user__region")
            .order_by("event__starts_at", "event__pk", "status", "status_changed_at", "pk")
        )
        stamp = timezone.localtime().strftime("%Y-%m-%d")
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="event-attendees-{stamp}.csv"'
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
        updated = queryset.update(bookings_open=True)
        self.message_user(request, f"Opened bookings for {updated} event(s).")

    @admin.action(
        description="Offer free places to the waiting list (after raising capacity)",
        permissions=["manage_bookings"],
    )
    def fill_places(self, request, queryset):
        promoted = sum(len(event_offer_free_places(event=event)) for event in queryset)
        self.message_user(request, f"Booked {promoted} people from the waiting list.")


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
                registration_cancel(registration=registration)
            except BookingUnavailable as problem:
                self.message_user(request, f"{registration}: {problem}", messages.WARNING)
                continue
            cancelled += 1
        self.message_user(request, f"Cancelled {cancelled} booking(s).")
