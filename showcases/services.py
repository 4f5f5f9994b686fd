"""Writes to sessions and their uploads: publishing, and saving or deleting stored files.

A file that a row stops pointing at (a replaced speaker photo, still, transcript or pack file,
or the files of a deleted row) is deleted only once the change is committed, never inside the
admin's transaction: a save or delete that rolls back keeps its files.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from knowvember.images import ProcessedImage, delete_files_after_commit
from showcases.models import DelegatePackItem, Recording, Showcase, Speaker


def _files_of(record) -> list:
    """The stored files behind a speaker, recording or pack item (they go with the record)."""
    if isinstance(record, Speaker):
        return [record.photo, record.photo_thumbnail]
    if isinstance(record, Recording):
        return [record.still_image, record.still_thumbnail, record.transcript_file]
    if isinstance(record, DelegatePackItem):
        return [record.file]
    return []


def _stored(model, record):
    """The record as it is in the database (None when new): which files it points at now."""
    return model.objects.filter(pk=record.pk).first() if record.pk else None


def showcase_publish(*, showcase: Showcase) -> Showcase:
    """Publish a session, refusing one whose recording could not be published.

    A published recording needs a transcript (typed or uploaded) or a recorded reason why it
    is exempt: the accessibility regulations ask for one for recordings published after
    23 September 2020 (Recording.may_be_published). Raises ValidationError with a sentence
    naming the session. Publishing a published session changes nothing.
    """
    with transaction.atomic():
        showcase = Showcase.objects.select_for_update().get(pk=showcase.pk)
        if showcase.is_published:
            return showcase
        recording = Recording.objects.filter(showcase=showcase).first()
        if recording and not recording.may_be_published:
            raise ValidationError(
                f"{showcase.label} ({showcase.title}) has a recording without a transcript "
                "or an exemption reason.",
                code="transcript_required",
            )
        showcase.is_published = True
        showcase.published_at = showcase.published_at or timezone.now()
        showcase.save(update_fields=["is_published", "published_at", "updated_at"])
    return showcase


def speaker_save(*, speaker: Speaker, photo: ProcessedImage | None = None) -> Speaker:
    """Save a speaker; a new (re-encoded) photo or a cleared one lets the old files go."""
    with transaction.atomic():
        old = _stored(Speaker, speaker)
        if photo:
            speaker.photo = photo.image
            speaker.photo_thumbnail = photo.thumbnail
        elif not speaker.photo:
            speaker.photo_thumbnail = None
        speaker.save()
        if old and (photo or not speaker.photo):
            delete_files_after_commit(old.photo, old.photo_thumbnail)
    return speaker


def recording_save(*, recording: Recording, still: ProcessedImage | None = None) -> Recording:
    """Save a recording; a replaced or cleared still or transcript file lets the old one go."""
    with transaction.atomic():
        old = _stored(Recording, recording)
        if still:
            recording.still_image = still.image
            recording.still_thumbnail = still.thumbnail
            recording.still_width, recording.still_height = still.width, still.height
        elif not recording.still_image:
            recording.still_thumbnail = None
            recording.still_width = recording.still_height = None
        if not recording.transcript_file:
            recording.transcript_format = ""
        # Compared before saving: a new upload still has its uploaded name until then.
        transcript_replaced = bool(
            old
            and old.transcript_file
            and old.transcript_file.name != recording.transcript_file.name
        )
        recording.save()
        if old and (still or not recording.still_image):
            delete_files_after_commit(old.still_image, old.still_thumbnail)
        if transcript_replaced:
            delete_files_after_commit(old.transcript_file)
    return recording


def stored_files_delete(*, records) -> None:
    """Let the files of deleted speakers, recordings or pack items go once that is committed."""
    delete_files_after_commit(*(f for record in records for f in _files_of(record)))


def speakers_delete(*, speakers) -> int:
    """Delete speakers (not in any session) and, once committed, their photos."""
    speakers = list(speakers)
    with transaction.atomic():
        stored_files_delete(records=speakers)
        Speaker.objects.filter(pk__in=[speaker.pk for speaker in speakers]).delete()
    return len(speakers)


def showcases_delete(*, showcases) -> int:
    """Delete sessions with their recordings and pack items, and, once committed, their files."""
    pks = [showcase.pk for showcase in showcases]
    with transaction.atomic():
        stored_files_delete(records=Recording.objects.filter(showcase__in=pks))
        stored_files_delete(
            records=DelegatePackItem.objects.filter(showcase__in=pks).exclude(file="")
        )
        Showcase.objects.filter(pk__in=pks).delete()
    return len(pks)
