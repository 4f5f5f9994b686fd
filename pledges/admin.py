from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.text import Truncator

from knowvember.admin_views import object_view
from pledges import services
from pledges.models import Activity, Pledge, TeamMember

QUEUE_FILTER = {"status__exact": Pledge.Status.PENDING}

# The reasons organisers give most, worded for the pledger who reads them in the email.
PLEDGE_REJECTION_REASONS = [
    ("identifiable", "It could identify a patient or a colleague."),
    ("not-a-technique", "It is not about trying a knowledge-mobilisation technique."),
    ("promotion", "It promotes a product, a service or a company."),
    (
        "photo",
        "The photo cannot go on the wall: it may show people who have not agreed, "
        "or information that should stay private.",
    ),
]
LESSONS_REJECTION_REASONS = [
    ("identifiable", "They could identify a patient or a colleague."),
    ("off-topic", "They are not about what happened when you tried your pledge."),
]
OTHER = "other"


class RejectionForm(forms.Form):
    """A reason from a short list, or another one in the organiser's own words."""

    reason = forms.ChoiceField(
        label="Why can it not be published?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a reason: the pledger is told why."},
    )
    details = forms.CharField(
        label="Anything else to tell the pledger (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text="Sent in the email with the reason. Be kind and say what would make it "
        "acceptable.",
    )

    def __init__(self, *args, reasons=PLEDGE_REJECTION_REASONS, **kwargs):
        super().__init__(*args, **kwargs)
        self.reasons = dict(reasons)
        self.fields["reason"].choices = [*reasons, (OTHER, "Another reason (say what below)")]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == OTHER and not cleaned.get("details", "").strip():
            self.add_error("details", "Say what the other reason is.")
        return cleaned

    def reason_text(self) -> str:
        """What the pledger reads: the chosen reason, then the organiser's own words."""
        chosen = self.reasons.get(self.cleaned_data["reason"], "")
        return "\n\n".join(part for part in [chosen, self.cleaned_data["details"].strip()] if part)


class TeamMemberInline(admin.TabularInline):
    """Who is in a team pledge; organisers moderate members' own lessons from the team member
    list. Invitations keep their address only until they are answered."""

    model = TeamMember
    extra = 0
    can_delete = False
    fields = ["status", "user", "email", "show_name", "show_organisation", "lesson_status"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(TeamMember)
class TeamMemberAdmin(admin.ModelAdmin):
    """Team members' own lessons, for moderation (the same decision as a pledge's lessons)."""

    list_display = ["__str__", "status", "lesson_status", "lesson_submitted_at"]
    list_filter = ["status", "lesson_status", "pledge__campaign"]
    list_select_related = ["pledge"]
    actions = ["approve_lessons", "reject_lessons"]
    fields = ["pledge", "status", "show_name", "show_organisation", "lesson", "lesson_status"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(status=TeamMember.Status.DECLINED)

    @admin.action(description="Publish the selected members' lessons", permissions=["change"])
    def approve_lessons(self, request, queryset):
        count = services.member_lessons_approve(members=queryset)
        self.message_user(request, f"{count} lessons published.", messages.SUCCESS)

    @admin.action(
        description="Do not publish the selected members' lessons", permissions=["change"]
    )
    def reject_lessons(self, request, queryset):
        count = services.member_lessons_reject(members=queryset)
        self.message_user(request, f"{count} lessons not published.", messages.SUCCESS)


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["name", "stage", "order"]
    list_filter = ["stage"]
    list_editable = ["order"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


def queue_url() -> str:
    return f"{reverse('admin:pledges_pledge_changelist')}?{urlencode(QUEUE_FILTER)}"


class PledgeAdmin(admin.ModelAdmin):
    """Pledges and their moderation queue (the list filtered to pending: oldest first)."""

    change_form_template = "pledges/admin/pledge_change_form.html"
    inlines = [TeamMemberInline]
    list_display = [
        "thumbnail",
        "title",
        "text_excerpt",
        "activity",
        "region",
        "consent",
        "status",
        "decision",
    ]
    list_display_links = ["title"]
    list_filter = ["status", "lessons_status", "campaign", "region", "activity__stage", "outcome"]
    list_select_related = ["activity", "region"]
    search_fields = ["title", "text", "organisation", "author__email", "author__name"]
    date_hierarchy = "created_at"
    actions = ["approve", "reject", "approve_lessons", "reject_lessons"]
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
                    "team_name",
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

    def get_ordering(self, request):
        """The queue is first come, first served; every other list is newest first."""
        if request.GET.get("status__exact") == Pledge.Status.PENDING:
            return ["created_at", "pk"]
        return ["-created_at", "-pk"]

    def get_list_display(self, request):
        """Organisers who may change pledges get the Approve and Reject buttons on each row;
        the queue leaves out the status, which is the same on every row."""
        columns = super().get_list_display(request)
        if request.GET.get("status__exact") == Pledge.Status.PENDING:
            columns = [column for column in columns if column != "status"]  # all the same
        if self.has_change_permission(request):
            return columns
        return [column for column in columns if column != "decision"]

    # The list: what a moderator needs to decide without opening each pledge.

    @admin.display(description="photo")
    def thumbnail(self, pledge):
        if not pledge.photo_thumbnail:
            return "No photo"
        return format_html(
            '<img src="{}" alt="{}" width="64" class="pledge-thumbnail">',
            pledge.photo_thumbnail.url,
            pledge.photo_alt,
        )

    @admin.display(description="what they will do")
    def text_excerpt(self, pledge):
        return Truncator(pledge.text).chars(140)

    @admin.display(description="shown on the wall")
    def consent(self, pledge):
        shown = [
            label
            for label, agreed in [
                ("name", pledge.show_name),
                ("organisation", pledge.show_organisation),
                ("photo", pledge.show_photo and bool(pledge.photo)),
            ]
            if agreed
        ]
        return ", ".join(shown).capitalize() if shown else "Nothing personal"

    @admin.display(description="decision")
    def decision(self, pledge):
        """Approve (one press: a button of the list's own form, posting to the pledge's approve
        page, since forms cannot nest) and Reject (a link to the page that asks for a reason)."""
        buttons = []
        if pledge.status in (Pledge.Status.PENDING, Pledge.Status.REJECTED):
            buttons.append(
                format_html(
                    '<button type="submit" class="button pledge-approve" formaction="{}" '
                    'formmethod="post">Approve<span class="visually-hidden"> “{}”</span>'
                    "</button>",
                    reverse("admin:pledges_pledge_approve", args=[pledge.pk]),
                    pledge.title,
                )
            )
        if pledge.status in (Pledge.Status.PENDING, Pledge.Status.APPROVED):
            buttons.append(
                format_html(
                    '<a class="button pledge-reject" href="{}">Reject<span '
                    'class="visually-hidden"> “{}”</span>…</a>',
                    reverse("admin:pledges_pledge_reject", args=[pledge.pk]),
                    pledge.title,
                )
            )
        return format_html_join(" ", "{}", ((button,) for button in buttons))

    @admin.display(description="photo")
    def photo_preview(self, pledge):
        if not pledge.photo_thumbnail:
            return "No photo"
        return format_html(
            '<img src="{}" alt="{}" width="200">', pledge.photo_thumbnail.url, pledge.photo_alt
        )

    # The change page: the decision comes first, then the next pledge in the queue opens.

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = (extra_context or {}) | {
            "waiting_count": Pledge.objects.awaiting_moderation().count(),
            "queue_url": queue_url(),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        def view(method, suffix, name):
            return path(
                f"<path:object_id>/{suffix}/",
                self.admin_site.admin_view(method),
                name=f"pledges_pledge_{name}",
            )

        return [
            view(self.approve_view, "approve", "approve"),
            view(self.reject_view, "reject", "reject"),
            *super().get_urls(),
        ]

    @object_view("change", methods=["POST"])
    def approve_view(self, request, pledge):
        """Approve one pledge, email the pledger, and open the next pledge in the queue."""
        if services.pledge_approve(pledges=self._just(pledge), moderator=request.user):
            self.log_change(request, pledge, "Approved; an email to the pledger was queued.")
            self.message_user(
                request,
                f"Approved “{pledge.title}”; the pledger will be emailed.",
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request, f"“{pledge.title}” was not waiting for a decision.", messages.WARNING
            )
        return self._next_in_queue(request, after=pledge)

    @object_view("change")
    def reject_view(self, request, pledge):
        """Ask for the reason (GET), then reject, email it, and open the next pledge (POST)."""
        form = RejectionForm(request.POST if request.method == "POST" else None)
        if form.is_bound and form.is_valid():
            reason = form.reason_text()
            if services.pledge_reject(
                pledges=self._just(pledge), moderator=request.user, reason=reason
            ):
                self.log_change(request, pledge, f"Rejected: {reason}")
                self.message_user(
                    request,
                    f"Rejected “{pledge.title}”; the pledger will be emailed the reason.",
                    messages.SUCCESS,
                )
            return self._next_in_queue(request, after=pledge)
        return self._reason_page(
            request,
            form,
            pledges=[pledge],
            title="Reject this pledge",
            original=pledge,
            cancel_url=reverse("admin:pledges_pledge_change", args=[pledge.pk]),
        )

    @staticmethod
    def _just(pledge):
        return Pledge.objects.filter(pk=pledge.pk)

    def _next_in_queue(self, request, *, after):
        following = Pledge.objects.next_to_moderate(after=after)
        if following is None:
            self.message_user(request, "No more pledges are waiting for a decision.")
            return HttpResponseRedirect(queue_url())
        return HttpResponseRedirect(reverse("admin:pledges_pledge_change", args=[following.pk]))

    # Bulk actions, for the organiser who reads the list and decides on several at once.

    @admin.action(description="Approve selected pledges", permissions=["change"])
    def approve(self, request, queryset):
        pledges = list(
            queryset.exclude(status__in=[Pledge.Status.APPROVED, Pledge.Status.WITHDRAWN])
        )
        count = services.pledge_approve(pledges=queryset, moderator=request.user)
        for pledge in pledges:
            self.log_change(request, pledge, "Approved; an email to the pledger was queued.")
        self.message_user(
            request, f"Approved {count} pledge(s); {count} email(s) queued, one to each pledger."
        )

    @admin.action(description="Reject selected pledges, with a reason", permissions=["change"])
    def reject(self, request, queryset):
        form = RejectionForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            reason = form.reason_text()
            pledges = list(
                queryset.exclude(status__in=[Pledge.Status.REJECTED, Pledge.Status.WITHDRAWN])
            )
            count = services.pledge_reject(pledges=queryset, moderator=request.user, reason=reason)
            for pledge in pledges:
                self.log_change(request, pledge, f"Rejected: {reason}")
            self.message_user(
                request,
                f"Rejected {count} pledge(s); {count} email(s) with the reason queued.",
                messages.SUCCESS,
            )
            return None
        return self._reason_page(
            request, form, pledges=queryset, title="Reject pledges", action="reject"
        )

    @admin.action(description="Approve lessons learned of selected pledges", permissions=["change"])
    def approve_lessons(self, request, queryset):
        pledges = list(queryset.filter(lessons_status=Pledge.LessonsStatus.PENDING))
        count = services.lessons_approve(pledges=queryset)
        for pledge in pledges:
            self.log_change(request, pledge, "Published the lessons learned.")
        self.message_user(request, f"Published the lessons learned of {count} pledge(s).")

    @admin.action(
        description="Reject lessons learned of selected pledges, with a reason",
        permissions=["change"],
    )
    def reject_lessons(self, request, queryset):
        form = RejectionForm(
            request.POST if "apply" in request.POST else None, reasons=LESSONS_REJECTION_REASONS
        )
        if form.is_bound and form.is_valid():
            reason = form.reason_text()
            pledges = list(queryset.filter(lessons_status=Pledge.LessonsStatus.PENDING))
            count = services.lessons_reject(pledges=queryset, reason=reason)
            for pledge in pledges:
                self.log_change(request, pledge, f"Rejected the lessons learned: {reason}")
            self.message_user(
                request,
                f"Rejected the lessons of {count} pledge(s); one email queued to each pledger.",
                messages.SUCCESS,
            )
            return None
        return self._reason_page(
            request,
            form,
            pledges=queryset,
            title="Reject lessons learned",
            action="reject_lessons",
            lessons=True,
        )

    def _reason_page(self, request, form, *, pledges, title, action=None, original=None,
                     cancel_url=None, lessons=False):  # fmt: skip
        """The page that shows what is being rejected and asks why."""
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.opts,
            "form": form,
            "pledges": pledges.select_related("author", "activity", "region")
            if hasattr(pledges, "select_related")
            else pledges,
            "original": original,
            "action": action,
            "lessons": lessons,
            "cancel_url": cancel_url or reverse("admin:pledges_pledge_changelist"),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "pledges/admin/reason.html", context)

    def delete_model(self, request, obj):
        services.pledges_delete(pledges=[obj])

    def delete_queryset(self, request, queryset):
        services.pledges_delete(pledges=queryset)


admin.site.register(Pledge, PledgeAdmin)
