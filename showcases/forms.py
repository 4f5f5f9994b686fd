"""The list's filters, and the admin forms: every upload is checked and re-made before it is
stored. Saving goes through showcases.services, which lets replaced files go only once committed.
"""

from django import forms
from django.db.models import Exists, OuterRef

from knowvember.documents import validate_document
from knowvember.filters import FilterChoiceField, FilterForm, edition_filter
from knowvember.forms import FileOrLinkAdminForm
from knowvember.images import process_image
from knowvember.models import Campaign
from showcases import services
from showcases.models import DelegatePackItem, Recording, Showcase, Speaker, youtube_id_from

TRANSCRIPT_FORMATS = ("txt", "pdf", "docx", "odt")


class ShowcaseFilterForm(FilterForm):
    """The list's filters: editions that have published sessions (this year's first), and type."""

    edition = edition_filter(
        Campaign.objects.filter(
            Exists(Showcase.objects.published().filter(campaign=OuterRef("pk")))
        ).order_by("-is_current", "-year")
    )
    kind = FilterChoiceField(
        label="Type",
        lookup="kind",
        choices=[(value, f"{label}s") for value, label in Showcase.Kind.choices],
        empty_label="All types",
        error="Select a type from the list",
    )


class SpeakerAdminForm(forms.ModelForm):
    """A speaker; the photo is verified and re-encoded with Pillow (metadata stripped)."""

    class Meta:
        model = Speaker
        fields = ["name", "role", "organisation", "photo", "photo_alt_text", "bio"]
        widgets = {
            "photo": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
        }

    processed_photo = None

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and "photo" in self.changed_data and photo is not False:
            self.processed_photo = process_image(photo)
        return photo

    def save(self, commit=True):
        speaker = super().save(commit=False)
        if commit:  # the admin saves with commit=False, then through SpeakerAdmin.save_model
            services.speaker_save(speaker=speaker, photo=self.processed_photo)
        return speaker


class RecordingAdminForm(forms.ModelForm):
    """A recording: the link is reduced to the video id; the still and transcript are checked."""

    youtube_id = forms.CharField(
        label="YouTube video",
        max_length=300,
        required=False,
        help_text="Paste the YouTube link (or the 11-character video id). Leave blank until "
        "the video is published: the page says the recording is not yet added.",
    )
    remove_transcript_file = forms.BooleanField(
        required=False, label="Remove the uploaded transcript file"
    )

    class Meta:
        model = Recording
        fields = [
            "youtube_id",
            "still_image",
            "duration_minutes",
            "captions",
            "transcript",
            "transcript_file",
            "remove_transcript_file",
            "transcript_exemption",
        ]
        # Private files have no public URL, so the widget shows no "currently" link.
        widgets = {
            "transcript_file": forms.FileInput(attrs={"accept": ".txt,.pdf,.docx,.odt"}),
            "still_image": forms.ClearableFileInput(
                attrs={"accept": "image/jpeg,image/png,image/webp"}
            ),
        }

    def clean_youtube_id(self):
        value = self.cleaned_data["youtube_id"].strip()
        return youtube_id_from(value) if value else ""

    processed_still = None

    def clean_still_image(self):
        still = self.cleaned_data.get("still_image")
        if still and "still_image" in self.changed_data:
            self.processed_still = process_image(still)
        return still

    def clean_transcript_file(self):
        upload = self.cleaned_data.get("transcript_file")
        if upload and "transcript_file" in self.changed_data:
            self._transcript_format = validate_document(upload, allowed=TRANSCRIPT_FORMATS)
        return upload

    def _post_clean(self):
        # Apply "remove the file" before the model's own checks, so removing the transcript
        # of a published recording is refused like having none.
        if self.cleaned_data.get("remove_transcript_file") and not getattr(
            self, "_transcript_format", None
        ):
            self.cleaned_data["transcript_file"] = False
        fmt = getattr(self, "_transcript_format", None)
        super()._post_clean()
        if fmt:
            self.instance.transcript_format = fmt.extension

    def save(self, commit=True):
        recording = super().save(commit=False)
        if commit:
            services.recording_save(recording=recording, still=self.processed_still)
        return recording


class DelegatePackItemAdminForm(FileOrLinkAdminForm):
    """A pack item: a file from the allow-list, checked by content, or a link."""

    class Meta:
        model = DelegatePackItem
        fields = ["order", "title", "kind", "file", "remove_file", "link"]
