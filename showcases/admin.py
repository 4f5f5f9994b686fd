from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils import timezone
from django.utils.html import format_html

from knowvember.images import delete_stored_files
from showcases.forms import (
    DelegatePackItemAdminForm,
    RecordingAdminForm,
    SpeakerAdminForm,
    validate_publishable,
)
from showcases.models import (
    DelegatePackItem,
    Recording,
    SessionSpeaker,
    Showcase,
    Speaker,
    Takeaway,
)


def _files_of(obj):
    """The stored files behind a speaker, recording or pack item (removed with the record)."""
    if isinstance(obj, Speaker):
        return [obj.photo, obj.photo_thumbnail]
    if isinstance(obj, Recording):
        return [obj.still_image, obj.still_thumbnail, obj.transcript_file]
    if isinstance(obj, DelegatePackItem):
        return [obj.file]
    return []


def _files_of_showcases(queryset):
    files = []
    for recording in Recording.objects.filter(showcase__in=queryset):
        files += _files_of(recording)
    for item in DelegatePackItem.objects.filter(showcase__in=queryset).exclude(file=""):
        files += _files_of(item)
    return files


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    form = SpeakerAdminForm
    list_display = ["name", "role", "organisation", "has_photo", "session_count"]
    search_fields = ["name", "organisation", "role"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(session_count=Count("appearances"))

    def delete_model(self, request, obj):
        files = _files_of(obj)
        super().delete_model(request, obj)
        delete_stored_files(*files)

    def delete_queryset(self, request, queryset):
        files = [f for speaker in queryset for f in _files_of(speaker)]
        super().delete_queryset(request, queryset)
        delete_stored_files(*files)

    @admin.display(boolean=True, description="photo")
    def has_photo(self, speaker):
        return bool(speaker.photo)

    @admin.display(description="sessions", ordering="session_count")
    def session_count(self, speaker):
        return speaker.session_count


class SessionSpeakerInline(admin.TabularInline):
    model = SessionSpeaker
    fields = ["order", "speaker", "is_chair"]
    autocomplete_fields = ["speaker"]
    extra = 1


class RecordingInline(admin.StackedInline):
    model = Recording
    form = RecordingAdminForm
    extra = 0
    max_num = 1
    readonly_fields = ["current_transcript_file"]

    @admin.display(description="current transcript file")
    def current_transcript_file(self, recording):
        return recording.transcript_file_label or "None"


class DelegatePackItemInline(admin.StackedInline):
    model = DelegatePackItem
    form = DelegatePackItemAdminForm
    extra = 0
    readonly_fields = ["current_file"]
    fields = ["order", "title", "kind", "current_file", "file", "remove_file", "link"]

    @admin.display(description="current file")
    def current_file(self, item):
        return item.size_and_format or "None"


class TakeawayInline(admin.TabularInline):
    model = Takeaway
    fields = ["order", "activity", "text"]
    extra = 0
    verbose_name = "“Try this” takeaway"


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
        (None, {"fields": ["campaign", "kind", "number", "title", "slug", "question"]}),
        ("When", {"fields": ["starts_at"]}),
        ("Programme", {"fields": ["programme"]}),
        ("Publishing", {"fields": ["is_published", "published_at", "preview_link"]}),
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
        for deleted in formset.deleted_objects:
            delete_stored_files(*_files_of(deleted))

    def delete_model(self, request, obj):
        files = _files_of_showcases([obj])
        super().delete_model(request, obj)
        delete_stored_files(*files)

    def delete_queryset(self, request, queryset):
        files = _files_of_showcases(queryset)
        super().delete_queryset(request, queryset)
        delete_stored_files(*files)

    def save_model(self, request, obj, form, change):
        if obj.is_published and obj.published_at is None:
            obj.published_at = timezone.now()
        super().save_model(request, obj, form, change)

    @admin.action(description="Publish the selected sessions", permissions=["change"])
    def publish(self, request, queryset):
        published, refused = 0, []
        for showcase in queryset.select_related("recording").filter(is_published=False):
            try:
                validate_publishable(showcase)
            except ValidationError as error:
                refused.extend(error.messages)
                continue
            showcase.is_published = True
            showcase.published_at = showcase.published_at or timezone.now()
            showcase.save(update_fields=["is_published", "published_at", "updated_at"])
            published += 1
        if published:
            self.message_user(request, f"Published {published} session(s).", messages.SUCCESS)
        for message in refused:
            self.message_user(request, f"Not published: {message}", messages.ERROR)

    @admin.action(description="Unpublish the selected sessions", permissions=["change"])
    def unpublish(self, request, queryset):
        count = queryset.filter(is_published=True).update(is_published=False)
        self.message_user(request, f"Unpublished {count} session(s).", messages.SUCCESS)
