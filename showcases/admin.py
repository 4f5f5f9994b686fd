from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils import timezone
from django.utils.html import format_html

from showcases import services
from showcases.forms import DelegatePackItemAdminForm, RecordingAdminForm, SpeakerAdminForm
from showcases.models import (
    DelegatePackItem,
    Recording,
    SessionSpeaker,
    Showcase,
    Speaker,
    Takeaway,
)


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    form = SpeakerAdminForm
    list_display = ["name", "role", "organisation", "has_photo", "session_count"]
    search_fields = ["name", "organisation", "role"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(session_count=Count("appearances"))

    def save_model(self, request, obj, form, change):
        services.speaker_save(speaker=obj, photo=form.processed_photo)

    def delete_model(self, request, obj):
        services.speakers_delete(speakers=[obj])

    def delete_queryset(self, request, queryset):
        services.speakers_delete(speakers=queryset)

    @admin.display(boolean=True, description="photo")
    def has_photo(self, speaker):
        return bool(speaker.photo)

    @admin.display(description="sessions", ordering="session_count")
    def session_count(self, speaker):
        return speaker.session_count


# The change form fits a few screens: the session itself stays open; the long parts (speakers,
# transcript, delegate pack, takeaways) fold away until opened, and open by themselves when
# they hold an error.


class SessionSpeakerInline(admin.TabularInline):
    model = SessionSpeaker
    fields = ["order", "speaker", "is_chair"]
    autocomplete_fields = ["speaker"]
    extra = 1
    classes = ["collapse"]


class RecordingInline(admin.StackedInline):
    model = Recording
    form = RecordingAdminForm
    extra = 0
    max_num = 1
    readonly_fields = ["current_transcript_file"]
    fieldsets = [
        (None, {"fields": ["youtube_id", "still_image", ("duration_minutes", "captions")]}),
        (
            "Transcript",
            {
                "fields": [
                    "transcript",
                    ("current_transcript_file", "transcript_file", "remove_transcript_file"),
                    "transcript_exemption",
                ],
                "classes": ["collapse"],
                "description": "A published recording needs a transcript, or a recorded reason "
                "why it is exempt.",
            },
        ),
    ]

    @admin.display(description="current transcript file")
    def current_transcript_file(self, recording):
        return recording.transcript_file_label or "None"


class DelegatePackItemInline(admin.StackedInline):
    model = DelegatePackItem
    form = DelegatePackItemAdminForm
    extra = 0
    readonly_fields = ["current_file"]
    fields = [("order", "title", "kind"), ("current_file", "file", "remove_file"), "link"]
    classes = ["collapse"]
    verbose_name_plural = "delegate pack"

    @admin.display(description="current file")
    def current_file(self, item):
        return item.size_and_format or "None"


class TakeawayInline(admin.TabularInline):
    model = Takeaway
    fields = ["order", "activity", "text"]
    extra = 0
    verbose_name = "“Try this” takeaway"
    classes = ["collapse"]


@admin.register(Showcase)
class ShowcaseAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "label",
        "campaign",
        "starts_at",
        "is_published",
        "has_recording",
        "preview_link",
    ]
    list_display_links = ["title"]
    list_filter = ["campaign", "kind", "is_published"]
    list_select_related = ["campaign", "recording"]
    search_fields = ["title", "question", "speakers__name"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "starts_at"
    inlines = [SessionSpeakerInline, RecordingInline, DelegatePackItemInline, TakeawayInline]
    actions = ["publish", "unpublish"]
    readonly_fields = ["published_at", "preview_link"]
    fieldsets = [
        (None, {"fields": [("campaign", "kind", "number"), "title", "slug", "question"]}),
        (
            "When and publishing",
            {"fields": ["starts_at", ("is_published", "published_at", "preview_link")]},
        ),
        ("Programme", {"fields": ["programme"], "classes": ["collapse"]}),
    ]

    @admin.display(description="number", ordering="number")
    def label(self, showcase):
        return showcase.label

    @admin.display(boolean=True, description="video")
    def has_recording(self, showcase):
        recording = getattr(showcase, "recording", None)
        return bool(recording and recording.has_video)

    @admin.display(description="preview")
    def preview_link(self, showcase):
        if not showcase.pk:
            return "Save first to preview"
        text = "View on site" if showcase.is_published else "Preview (not published)"
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>', showcase.get_absolute_url(), text
        )

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        services.stored_files_delete(records=formset.deleted_objects)

    def delete_model(self, request, obj):
        services.showcases_delete(showcases=[obj])

    def delete_queryset(self, request, queryset):
        services.showcases_delete(showcases=queryset)

    def save_model(self, request, obj, form, change):
        if obj.is_published and obj.published_at is None:
            obj.published_at = timezone.now()
        super().save_model(request, obj, form, change)

    @admin.action(description="Publish the selected sessions", permissions=["change"])
    def publish(self, request, queryset):
        published, refused = 0, []
        for showcase in queryset.filter(is_published=False):
            try:
                services.showcase_publish(showcase=showcase)
            except ValidationError as error:
                refused.extend(error.messages)
                continue
            published += 1
        if published:
            self.message_user(request, f"Published {published} session(s).", messages.SUCCESS)
        for message in refused:
            self.message_user(request, f"Not published: {message}", messages.ERROR)

    @admin.action(description="Unpublish the selected sessions", permissions=["change"])
    def unpublish(self, request, queryset):
        count = queryset.filter(is_published=True).update(is_published=False)
        self.message_user(request, f"Unpublished {count} session(s).", messages.SUCCESS)
