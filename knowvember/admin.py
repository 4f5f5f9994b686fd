from django.contrib import admin, messages
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from knowvember import outbox
from knowvember.models import Campaign, OutboundEmail, Region, SuppressedAddress


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "theme", "starts_on", "ends_on", "is_current"]
    list_filter = ["is_current"]
    search_fields = ["name", "theme", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "starts_on"


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    """Every email the site has sent or is trying to send; read-only but for "send again"."""

    list_display = [
        "created_at",
        "to",
        "kind",
        "subject",
        "status",
        "attempts",
        "next_attempt_at",
        "delivery_event",
    ]
    list_filter = ["status", "kind", "delivery_event"]
    search_fields = ["to", "subject"]
    date_hierarchy = "created_at"
    actions = ["send_again"]
    fieldsets = [
        (None, {"fields": ["to", "kind", "about_link", "subject", "status"]}),
        (
            "Delivery",
            {
                "fields": [
                    "attempts",
                    "last_error",
                    "created_at",
                    "last_attempt_at",
                    "next_attempt_at",
                    "sent_at",
                    "give_up_at",
                    "delivery_event",
                    "delivery_event_at",
                    "delivery_detail",
                ]
            },
        ),
        ("Message", {"fields": ["from_email", "headers", "attachment_names", "text"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        return [field for fieldset in self.fieldsets for field in fieldset[1]["fields"]]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Nothing is edited in place; "send again" needs the change permission.
        return super().has_change_permission(request, obj) and obj is None

    @admin.display(description="About")
    def about_link(self, email):
        if email.about_type is None:
            return "-"
        about = email.about
        if about is None:
            return f"{email.about_type.name} (deleted)"
        url = _admin_url(about)
        return format_html('<a href="{}">{}</a>', url, about) if url else str(about)

    @admin.display(description="Attachments")
    def attachment_names(self, email):
        return ", ".join(name for name, _content, _type in email.attachments) or "None"

    @admin.display(description="Text")
    def text(self, email):
        if email.contains_secret:
            return "Hidden: it holds a sign-in link or code."
        return format_html("<pre>{}</pre>", email.body or email.html)

    @admin.action(description="Send selected emails again", permissions=["change"])
    def send_again(self, request, queryset):
        count = outbox.send_again(queryset)
        skipped = queryset.count() - count
        self.message_user(request, f"{count} email(s) queued to be sent again.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                f"{skipped} not queued: being sent right now, or holding a sign-in link or code "
                "(ask the person to request a new one).",
                messages.WARNING,
            )


def _admin_url(obj) -> str:
    try:
        return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""


@admin.register(SuppressedAddress)
class SuppressedAddressAdmin(admin.ModelAdmin):
    """Addresses the mailing list no longer mails; delete one to mail it again."""

    list_display = ["email", "reason", "reported_by", "created_at"]
    list_filter = ["reason", "reported_by"]
    search_fields = ["email"]
    readonly_fields = ["email", "reason", "detail", "reported_by", "created_at"]

    def has_add_permission(self, request):
        return False
