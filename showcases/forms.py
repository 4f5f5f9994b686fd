"""Admin forms: every upload is checked and re-made before it is stored."""

from django import forms
from django.core.exceptions import ValidationError

from knowvember.documents import validate_document
from knowvember.images import delete_stored_files, process_image
from showcases.models import DelegatePackItem, Recording, Speaker, youtube_id_from

TRANSCRIPT_FORMATS = ("txt", "pdf", "docx", "odt")


class SpeakerAdminForm(forms.ModelForm):
    """A speaker; the photo is verified and re-encoded with Pillow (metadata stripped)."""

    class Meta:
        model = Speaker
        fields = ["name", "role", "organisation", "photo", "photo_alt_text", "bio"]
        widgets = {
            "photo": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
        }

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and "photo" in self.changed_data and photo is not False:
            self._processed = process_image(photo)
        return photo

    def save(self, commit=True):
        speaker = super().save(commit=False)
        processed = getattr(self, "_processed", None)
        old = Speaker.objects.filter(pk=speaker.pk).first() if speaker.pk else None
        if processed:
            speaker.photo = processed.image
            speaker.photo_thumbnail = processed.thumbnail
        elif not speaker.photo:
            speaker.photo_thumbnail = None
        if old and (processed or not speaker.photo):
            delete_stored_files(old.photo, old.photo_thumbnail)
        if commit:
            speaker.save()
        return speaker


class RecordingAdminForm(forms.ModelForm):
    """A recording: the link is reduced to the video id; the still and transcript are checked."""

    youtube_id = forms.CharField(
        label="YouTube video",
        max_length=300,
        help_text="Paste the YouTube link (or the 11-character video id).",
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
        return youtube_id_from(self.cleaned_data["youtube_id"])

    def clean_still_image(self):
        still = self.cleaned_data.get("still_image")
        if still and "still_image" in self.changed_data:
            self._processed = process_image(still)
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
        old = Recording.objects.filter(pk=recording.pk).first() if recording.pk else None
        processed = getattr(self, "_processed", None)
        if processed:
            recording.still_image = processed.image
            recording.still_thumbnail = processed.thumbnail
            recording.still_width, recording.still_height = processed.width, processed.height
        elif not recording.still_image:
            recording.still_thumbnail = None
            recording.still_width = recording.still_height = None
        if not recording.transcript_file:
            recording.transcript_format = ""
        if old:
            if processed or not recording.still_image:
                delete_stored_files(old.still_image, old.still_thumbnail)
            if old.transcript_file and old.transcript_file.name != recording.transcript_file.name:
                delete_stored_files(old.transcript_file)
        if commit:
            recording.save()
        return recording


class DelegatePackItemAdminForm(forms.ModelForm):
    """A pack item: a file from the allow-list, checked by content, or a link."""

    remove_file = forms.BooleanField(required=False, label="Remove the uploaded file")

    class Meta:
        model = DelegatePackItem
        fields = ["order", "title", "kind", "file", "remove_file", "link"]
        widgets = {
            "file": forms.FileInput(attrs={"accept": ".pdf,.docx,.pptx,.xlsx,.odt,.odp,.txt,.csv"})
        }

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            self._format = validate_document(upload)
        return upload

    def _post_clean(self):
        if self.cleaned_data.get("remove_file") and not getattr(self, "_format", None):
            self.cleaned_data["file"] = False
        super()._post_clean()
        fmt = getattr(self, "_format", None)
        if fmt:
            self.instance.file_format = fmt.extension
            self.instance.file_size = self.cleaned_data["file"].size

    def save(self, commit=True):
        item = super().save(commit=False)
        old = DelegatePackItem.objects.filter(pk=item.pk).first() if item.pk else None
        if not item.file:
            item.file_format, item.file_size = "", None
        if old and old.file and old.file.name != item.file.name:
            delete_stored_files(old.file)
        if commit:
            item.save()
        return item


def validate_publishable(showcase) -> None:
    """Refuse to publish a session whose recording has neither transcript nor exemption."""
    recording = getattr(showcase, "recording", None)  # None when the session has no recording
    if recording and not recording.has_transcript and not recording.transcript_exemption.strip():
        raise ValidationError(
            f"{showcase.label} ({showcase.title}) has a recording without a transcript "
            "or an exemption reason."
        )
