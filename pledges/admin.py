from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.html import format_html

from pledges import services
from pledges.models import Activity, Pledge


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["name", "stage", "order"]
    list_filter = ["stage"]
    list_editable = ["order"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


class ReasonForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        max_length=1000,
        help_text="Sent to each pledger in the email. Be kind and say what would make it "
        "acceptable.",
    )


class PledgeAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "author",
        "activity",
        "campaign",
        "region",
        "status",
        "lessons_status",
        "created_at",
    ]
    list_filter = ["status", "lessons_status", "campaign", "region", "activity__stage", "outcome"]
    list_select_related = ["author", "activity", "campaign", "region"]
    search_fields = ["title", "text", "organisation", "author__email", "author__name"]
    date_hierarchy = "created_at"
    actions = ["approve", "reject", "approve_lessons", "reject_lessons"]
    autocomplete_fields = []
    readonly_fields = [
        "author",
        "photo_preview",
        "status",
        "rejection_reason",
        "moderated_at",
        "moderated_by",
        "created_at",
        "updated_at",
        "lessons_status",
        "lessons_rejection_reason",
        "lessons_submitted_at",
        "lessons_moderated_at",
        "follow_up_emailed_at",
    ]
    fieldsets = [
        (
            "Pledge",
            {
                "fields": [
                    "author",
                    "campaign",
                    "activity",
                    "title",
                    "text",
                    "target_month",
                    "effort",
                    "organisation",
                    "region",
                ]
            },
        ),
        ("Photo", {"fields": ["photo_preview", "photo_alt"]}),
        (
            "What the pledger agreed to show",
            {"fields": ["show_name", "show_organisation", "show_photo"]},
        ),
        (
            "Moderation",
            {
                "fields": [
                    "status",
                    "rejection_reason",
                    "moderated_at",
                    "moderated_by",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
        (
            "Follow-up and lessons learned",
            {
                "fields": [
                    "follow_up_emailed_at",
                    "outcome",
                    "aar_planned",
                    "aar_actual",
                    "aar_difference",
                    "aar_next",
                    "lessons_status",
                    "lessons_rejection_reason",
                    "lessons_submitted_at",
                    "lessons_moderated_at",
                ]
            },
        ),
    ]

    def has_add_permission(self, request):
        return False  # pledges are made by pledgers, through the pledge form

    @admin.display(description="photo")
    def photo_preview(self, pledge):
        if not pledge.photo_thumbnail:
            return "No photo"
        return format_html(
            '<img src="{}" alt="{}" width="200">', pledge.photo_thumbnail.url, pledge.photo_alt
        )

    @admin.action(description="Approve selected pledges", permissions=["change"])
    def approve(self, request, queryset):
        count = services.pledge_approve(pledges=queryset, moderator=request.user)
        self.message_user(
            request, f"Approved {count} pledge(s); {count} email(s) queued, one to each pledger."
        )

    @admin.action(description="Reject selected pledges, with a reason", permissions=["change"])
    def reject(self, request, queryset):
        return self._with_reason(
            request,
            queryset,
            action="reject",
            title="Reject pledges",
            apply=lambda reason: services.pledge_reject(
                pledges=queryset, moderator=request.user, reason=reason
            ),
            done="Rejected {count} pledge(s); {count} email(s) with the reason queued.",
        )

    @admin.action(description="Approve lessons learned of selected pledges", permissions=["change"])
    def approve_lessons(self, request, queryset):
        count = services.lessons_approve(pledges=queryset)
        self.message_user(request, f"Published the lessons learned of {count} pledge(s).")

    @admin.action(
        description="Reject lessons learned of selected pledges, with a reason",
        permissions=["change"],
    )
    def reject_lessons(self, request, queryset):
        return self._with_reason(
            request,
            queryset,
            action="reject_lessons",
            title="Reject lessons learned",
            apply=lambda reason: services.lessons_reject(pledges=queryset, reason=reason),
            done=(
                "Rejected the lessons of {count} pledge(s); "
                "{count} email(s) with the reason queued."
            ),
        )

    def _with_reason(self, request, queryset, *, action, title, apply, done):
        """An intermediate page asking for the reason, then the bulk change."""
        form = ReasonForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            count = apply(form.cleaned_data["reason"])
            self.message_user(request, done.format(count=count), messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "form": form,
            "pledges": queryset.select_related("author"),
            "action": action,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "pledges/admin/reason.html", context)

    def delete_model(self, request, obj):
        services.pledges_delete(pledges=[obj])

    def delete_queryset(self, request, queryset):
        services.pledges_delete(pledges=queryset)


admin.site.register(Pledge, PledgeAdmin)
