"""Replacing or deleting an upload in the admin: the old file goes only once the change commits."""

import io
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from PIL import Image

from knowvember.documents import file_or_link_save
from showcases.models import DelegatePackItem, Recording, Showcase
from tests.factories import CampaignFactory
from tests.showcases.factories import (
    PDF_BYTES,
    PackFileFactory,
    RecordingFactory,
    ShowcaseFactory,
    SpeakerFactory,
)

INLINES = ["session_speakers", "recording", "pack_items", "takeaways"]


def jpeg_bytes(colour="#005eb8") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (600, 400), colour).save(buffer, format="JPEG")
    return buffer.getvalue()


def jpeg_upload(name="new.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_bytes("#007f3b"), content_type="image/jpeg")


@pytest.fixture
def admin_client(client, organiser):
    client.force_login(organiser)
    return client


def change_form(showcase: Showcase, **overrides) -> dict:
    """The admin's change form for a session as a browser would post it, inlines empty."""
    data = {
        "campaign": showcase.campaign.pk,
        "kind": showcase.kind,
        "number": str(showcase.number),
        "title": showcase.title,
        "slug": showcase.slug,
        "question": showcase.question,
        "starts_at_0": "2020-11-10",
        "starts_at_1": "12:30",
        "programme": showcase.programme,
    }
    if showcase.is_published:
        data["is_published"] = "on"
    for prefix in INLINES:
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data | overrides


def recording_inline(recording: Recording, **fields) -> dict:
    data = {
        "recording-TOTAL_FORMS": "1",
        "recording-INITIAL_FORMS": "1",
        "recording-0-id": str(recording.pk),
        "recording-0-showcase": str(recording.showcase.pk),
        "recording-0-youtube_id": recording.youtube_id,
        "recording-0-captions": recording.captions,
        "recording-0-transcript": recording.transcript,
        "recording-0-transcript_exemption": recording.transcript_exemption,
    }
    return data | {f"recording-0-{key}": value for key, value in fields.items()}


def pack_inline(item: DelegatePackItem, **fields) -> dict:
    data = {
        "pack_items-TOTAL_FORMS": "1",
        "pack_items-INITIAL_FORMS": "1",
        "pack_items-0-id": str(item.pk),
        "pack_items-0-showcase": str(item.showcase.pk),
        "pack_items-0-order": str(item.order),
        "pack_items-0-title": item.title,
        "pack_items-0-kind": item.kind,
        "pack_items-0-link": "",
    }
    return data | {f"pack_items-0-{key}": value for key, value in fields.items()}


def paths(*fields) -> list[Path]:
    return [Path(field.path) for field in fields]


def post_and_hold_commit(admin_client, capture, url, data):
    """Post, keeping the on-commit callbacks back: what exists before the change is final."""
    with capture() as callbacks:
        response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return callbacks


def run(callbacks):
    for callback in callbacks:
        callback()


@pytest.mark.django_db
def test_replacing_a_speaker_photo_deletes_the_old_one_after_commit(
    admin_client, django_capture_on_commit_callbacks
):
    speaker = SpeakerFactory()
    speaker.photo.save("old.jpg", ContentFile(jpeg_bytes()), save=False)
    speaker.photo_thumbnail.save("old-thumb.jpg", ContentFile(jpeg_bytes()), save=True)
    old = paths(speaker.photo, speaker.photo_thumbnail)

    callbacks = post_and_hold_commit(
        admin_client,
        django_capture_on_commit_callbacks,
        reverse("admin:showcases_speaker_change", args=[speaker.pk]),
        {"name": speaker.name, "photo": jpeg_upload()},
    )

    assert all(path.exists() for path in old)  # never inside the admin's transaction
    run(callbacks)
    speaker.refresh_from_db()
    assert not any(path.exists() for path in old)
    assert all(path.exists() for path in paths(speaker.photo, speaker.photo_thumbnail))


@pytest.mark.django_db
def test_replacing_a_still_and_a_transcript_deletes_the_old_files_after_commit(
    admin_client, django_capture_on_commit_callbacks
):
    recording = RecordingFactory()
    recording.still_image.save("old.jpg", ContentFile(jpeg_bytes()), save=False)
    recording.still_thumbnail.save("old-thumb.jpg", ContentFile(jpeg_bytes()), save=False)
    recording.transcript_file.save("t", ContentFile(b"Old transcript."), save=False)
    recording.transcript_format = "txt"
    recording.save()
    old = paths(recording.still_image, recording.still_thumbnail, recording.transcript_file)
    new_transcript = SimpleUploadedFile("transcript.txt", b"New transcript.")
    data = change_form(recording.showcase) | recording_inline(
        recording, still_image=jpeg_upload(), transcript_file=new_transcript
    )

    callbacks = post_and_hold_commit(
        admin_client,
        django_capture_on_commit_callbacks,
        reverse("admin:showcases_showcase_change", args=[recording.showcase.pk]),
        data,
    )

    assert all(path.exists() for path in old)
    run(callbacks)
    recording.refresh_from_db()
    assert not any(path.exists() for path in old)
    assert recording.transcript_file.read() == b"New transcript."
    assert all(path.exists() for path in paths(recording.still_image, recording.still_thumbnail))


@pytest.mark.django_db
def test_removing_a_transcript_file_deletes_it_after_commit(
    admin_client, django_capture_on_commit_callbacks
):
    recording = RecordingFactory()  # with a typed transcript, so the file may go
    recording.transcript_file.save("t", ContentFile(b"Old transcript."), save=True)
    [old] = paths(recording.transcript_file)
    data = change_form(recording.showcase) | recording_inline(
        recording, remove_transcript_file="on"
    )

    callbacks = post_and_hold_commit(
        admin_client,
        django_capture_on_commit_callbacks,
        reverse("admin:showcases_showcase_change", args=[recording.showcase.pk]),
        data,
    )

    assert old.exists()
    run(callbacks)
    recording.refresh_from_db()
    assert not old.exists()
    assert not recording.transcript_file and recording.transcript_format == ""


@pytest.mark.django_db
def test_replacing_and_deleting_pack_files_deletes_them_after_commit(
    admin_client, django_capture_on_commit_callbacks
):
    item = PackFileFactory()
    [old] = paths(item.file)
    replace = change_form(item.showcase) | pack_inline(
        item, file=SimpleUploadedFile("agenda.pdf", PDF_BYTES)
    )
    url = reverse("admin:showcases_showcase_change", args=[item.showcase.pk])

    callbacks = post_and_hold_commit(admin_client, django_capture_on_commit_callbacks, url, replace)

    assert old.exists()
    run(callbacks)
    item.refresh_from_db()
    [new] = paths(item.file)
    assert not old.exists() and new.exists()

    remove = change_form(item.showcase) | pack_inline(item, DELETE="on")
    callbacks = post_and_hold_commit(admin_client, django_capture_on_commit_callbacks, url, remove)

    assert not DelegatePackItem.objects.exists()
    assert new.exists()
    run(callbacks)
    assert not new.exists()


@pytest.mark.django_db(transaction=True)
def test_a_file_swap_that_rolls_back_keeps_the_old_file():
    item = PackFileFactory()
    old_name = item.file.name
    [old] = paths(item.file)
    item.file = SimpleUploadedFile("agenda.pdf", PDF_BYTES)

    with pytest.raises(RuntimeError), transaction.atomic():
        file_or_link_save(item)
        raise RuntimeError("a later step of the same admin save failed")

    assert old.exists()
    assert DelegatePackItem.objects.get().file.name == old_name


@pytest.mark.django_db(transaction=True)
def test_a_file_swap_that_commits_deletes_the_old_file():
    item = PackFileFactory()
    [old] = paths(item.file)
    item.file = SimpleUploadedFile("agenda.pdf", PDF_BYTES)

    with transaction.atomic():
        file_or_link_save(item)
        assert old.exists()

    assert not old.exists()
    assert Path(DelegatePackItem.objects.get().file.path).exists()


@pytest.mark.django_db
def test_publish_action_publishes_a_recording_with_an_exemption_reason(admin_client):
    showcase = ShowcaseFactory(is_published=False, campaign=CampaignFactory())
    RecordingFactory(
        showcase=showcase, transcript="", transcript_exemption="Published before 23 September 2020."
    )

    admin_client.post(
        reverse("admin:showcases_showcase_changelist"),
        {"action": "publish", "_selected_action": [showcase.pk]},
    )

    showcase.refresh_from_db()
    assert showcase.is_published
    assert showcase.published_at is not None
