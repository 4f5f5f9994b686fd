import csv

from django.contrib import admin, messages
from django.db.models import Count, Exists, OuterRef
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html_join

from community import services
from community.admin_todo import NEW_DAYS, new_since
from community.models import ConsentEvent, ConsentWording, Digest, Subscription
from knowvember.models import OutboundEmail, SuppressedAddress

EXPORT_COLUMNS = [
    "email",
    "name",
    "role",
    "organisation",
    "region",
    "signed_up_at",
    "signup_ip",
    "confirmed_at",
    "confirm_ip",
    "consent_version",
    "consent_wording",
]


def _cell(value) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class JoinedFilter(admin.SimpleListFilter):
    """People who confirmed recently: the admin home's "new subscribers" line opens this."""

    title = "joined"
    parameter_name = "joined"

    def lookups(self, request, model_admin):
        return [("week", f"In the last {NEW_DAYS} days")]

    def queryset(self, request, queryset):
        if self.value() == "week":
            return queryset.filter(confirmed_at__gte=new_since())
        return queryset


@admin.register(ConsentWording)
class ConsentWordingAdmin(admin.ModelAdmin):
    list_display = ["version", "kind", "created_at", "subscriber_count"]
    list_filter = ["kind"]
    readonly_fields = ["created_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(agreed=Count("subscriptions"))

    @admin.display(description="People who agreed to it", ordering="agreed")
    def subscriber_count(self, obj):
        return obj.agreed

    def get_readonly_fields(self, request, obj=None):
        # A wording someone agreed to is evidence: it is never changed in place.
        if obj is not None and obj.is_in_use():
            return ["kind", "version", "text", "created_at"]
        if obj is not None:
            return ["kind", *self.readonly_fields]
        return self.readonly_fields

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "kind" in form.base_fields:  # a new wording is for the mailing list unless chosen
            form.base_fields["kind"].required = False
        return form

    def save_model(self, request, obj, form, change):
        obj.kind = obj.kind or ConsentWording.Kind.LIST
        super().save_model(request, obj, form, change)

    def get_changeform_initial_data(self, request):
        kind = request.GET.get("kind", ConsentWording.Kind.LIST)
        latest = ConsentWording.objects.filter(kind=kind).order_by("-version").first()
        return {
            "kind": kind,
            "version": latest.version + 1 if latest else 1,
            "text": latest.text if latest else "",
        }

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_in_use():
            return False
        return super().has_delete_permission(request, obj)


class ConsentEventInline(admin.TabularInline):
    """The address's consent history, oldest first: added to by the site, never edited."""

    model = ConsentEvent
    extra = 0
    can_delete = False
    fields = ["kind", "at", "ip", "consent_wording", "name", "organisation"]
    readonly_fields = fields
    verbose_name = "consent event"
    verbose_name_plural = "Consent history (requests to join carry the details they gave)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("consent_wording")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    """Read-only consent records: only the person can subscribe themselves, by confirming."""

    change_list_template = "community/admin/subscription_change_list.html"
    list_display = [
        "email",
        "name",
        "organisation",
        "region",
        "status",
        "mail_bouncing",
        "signed_up_at",
        "confirmed_at",
    ]
    list_filter = ["status", JoinedFilter, "region", "consent_wording"]
    search_fields = ["email", "name", "organisation", "role"]
    list_select_related = ["region"]
    date_hierarchy = "signed_up_at"
    actions = ["unsubscribe_selected"]
    inlines = [ConsentEventInline]
    fieldsets = [
        (None, {"fields": ["email", "name", "role", "organisation", "region", "user", "status"]}),
        (
            "Consent record",
            {
                "fields": [
                    "consent_wording",
                    "consent_text",
                    "signed_up_at",
                    "signup_ip",
                    "confirmed_at",
                    "confirm_ip",
                    "unsubscribed_at",
                ]
            },
        ),
        ("Email", {"fields": ["mail_bouncing", "emails"]}),
    ]

    def get_queryset(self, request):
        suppressed = SuppressedAddress.objects.filter(email=OuterRef("email"))
        return super().get_queryset(request).annotate(suppressed=Exists(suppressed))

    @admin.display(description="Wording they agreed to")
    def consent_text(self, obj):
        return obj.consent_wording.text

    @admin.display(description="Mail bouncing", boolean=True, ordering="suppressed")
    def mail_bouncing(self, obj):
        """A hard bounce or spam complaint stops list mail to this address."""
        return obj.suppressed

    @admin.display(description="Emails sent about this sign-up")
    def emails(self, obj):
        rows = OutboundEmail.objects.about(obj).order_by("created_at")
        return (
            format_html_join(
                "\n",
                "<p>{}: {} ({})</p>",
                (
                    (
                        timezone.localtime(e.created_at).strftime("%d %b %Y %H:%M"),
                        e.subject,
                        e.get_status_display(),
                    )
                    for e in rows
                ),
            )
            or "None"
        )

    def get_readonly_fields(self, request, obj=None):
        return [field for fieldset in self.fieldsets for field in fieldset[1]["fields"]]

    def has_add_permission(self, request):
        return False

    @admin.action(
        description="Unsubscribe selected people (they asked us to)", permissions=["change"]
    )
    def unsubscribe_selected(self, request, queryset):
        count = 0
        for subscription in queryset.exclude(status=Subscription.Status.UNSUBSCRIBED):
            services.subscription_unsubscribe(email=subscription.email)
            count += 1
        self.message_user(request, f"Unsubscribed {count} people.", messages.SUCCESS)

    def get_urls(self):
        export = self.admin_site.admin_view(self.export_csv)
        return [
            path("export.csv", export, name="community_subscription_export"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = (extra_context or {}) | {
            "export_url": reverse("admin:community_subscription_export"),
            "current_count": Subscription.objects.mailable().count(),
            "bouncing_count": (
                Subscription.objects.current().count() - Subscription.objects.mailable().count()
            ),
        }
        return super().changelist_view(request, extra_context)

    def export_csv(self, request):
        """Current subscribers we may mail (not bounced), each with their consent record."""
        if not self.has_view_permission(request):
            return HttpResponse(status=403)
        stamp = timezone.localtime().strftime("%Y-%m-%d")
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="subscribers-{stamp}.csv"'
        response["Cache-Control"] = "no-store"
        writer = csv.writer(response)
        writer.writerow(EXPORT_COLUMNS)
        rows = (
            Subscription.objects.mailable()
            .select_related("region", "consent_wording")
            .order_by("email")
        )
        for s in rows.iterator():
            writer.writerow(
                _cell(value)
                for value in [
                    s.email,
                    s.name,
                    s.role,
                    s.organisation,
                    s.region.name if s.region else "",
                    s.signed_up_at.isoformat(),
                    s.signup_ip,
                    s.confirmed_at.isoformat(),
                    s.confirm_ip,
                    s.consent_wording.version,
                    s.consent_wording.text,
                ]
            )
        return response


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin):
    """The weekly lessons digests: made by `manage.py send_lessons_digest`, never by hand."""

    list_display = ["__str__", "week", "lesson_count", "recipient_count", "created_at"]
    readonly_fields = ["week", "lesson_count", "recipient_count", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
