import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from showcases.models import DelegatePackItem, Recording, Showcase, Speaker
from tests.factories import CampaignFactory
from tests.showcases.factories import (
    DOCX_BYTES,
    ODT_BYTES,
    PDF_BYTES,
    PackFileFactory,
    RecordingFactory,
    ShowcaseFactory,
    SpeakerFactory,
    office_zip,
)

pytestmark = pytest.mark.django_db

INLINES = ["session_speakers", "recording", "pack_items", "takeaways"]


@pytest.fixture
def admin_client(client, organiser):
    client.force_login(organiser)
    return client


def showcase_form(campaign, **overrides):
    """The admin's add-session form as a browser would post it, with empty inlines."""
    data = {
        "campaign": campaign.pk,
        "kind": "showcase",
        "number": "1",
        "title": "To share is to care",
        "slug": "to-share-is-to-care",
        "question": "How do we share practice?",
        "starts_at_0": "2020-11-10",
        "starts_at_1": "12:30",
        "programme": "",
    }
    for prefix in INLINES:
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    data |= overrides
    return data


def with_recording(data, **fields):
    data = dict(data)
    data["recording-TOTAL_FORMS"] = "1"
    data |= {
        "recording-0-youtube_id": "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10",
        "recording-0-captions": "checked",
        "recording-0-transcript": "",
        "recording-0-transcript_exemption": "",
    }
    data |= {f"recording-0-{key}": value for key, value in fields.items()}
    return data


def with_pack_item(data, upload=None, link=""):
    data = dict(data)
    data["pack_items-TOTAL_FORMS"] = "1"
    data |= {
        "pack_items-0-order": "1",
        "pack_items-0-title": "Agenda",
        "pack_items-0-kind": "agenda",
        "pack_items-0-link": link,
    }
    if upload is not None:
        data["pack_items-0-file"] = upload
    return data


def add(admin_client, data):
    return admin_client.post(reverse("admin:showcases_showcase_add"), data)


def errors_of(response):
    """Every error message the admin shows: the form's and each inline form's."""
    messages = list(response.context["adminform"].form.errors.values())
    for formset in response.context["inline_admin_formsets"]:
        messages += [formset.formset.non_form_errors()]
        for form in formset.formset.forms:
            messages += list(form.errors.values())
    return " ".join(str(message) for message in messages)


def test_admin_saves_a_session_with_a_recording_link_reduced_to_its_id(admin_client):
    campaign = CampaignFactory()

    response = add(admin_client, with_recording(showcase_form(campaign), transcript="Hello."))

    assert response.status_code == 302
    assert Recording.objects.get().youtube_id == "dQw4w9WgXcQ"


def test_admin_refuses_to_publish_a_recording_without_transcript(admin_client):
    data = with_recording(showcase_form(CampaignFactory(), is_published="on"))

    response = add(admin_client, data)

    assert response.status_code == 200
    assert "A published recording needs a transcript" in errors_of(response)
    assert not Showcase.objects.exists()


def test_admin_publishes_a_recording_with_an_exemption_reason(admin_client):
    data = with_recording(
        showcase_form(CampaignFactory(), is_published="on"),
        transcript_exemption="Published before 23 September 2020.",
    )

    response = add(admin_client, data)

    assert response.status_code == 302
    showcase = Showcase.objects.get()
    assert showcase.is_published
    assert showcase.published_at is not None


def test_admin_keeps_an_unpublished_recording_without_transcript_as_a_draft(admin_client):
    response = add(admin_client, with_recording(showcase_form(CampaignFactory())))

    assert response.status_code == 302
    assert Recording.objects.get().transcript == ""


def test_admin_publishes_a_transcript_before_its_video(admin_client):
    data = with_recording(
        showcase_form(CampaignFactory(), is_published="on"), youtube_id="", transcript="Hello."
    )

    response = add(admin_client, data)

    assert response.status_code == 302
    assert Recording.objects.get().youtube_id == ""


def test_admin_refuses_a_recording_with_neither_video_nor_transcript(admin_client):
    data = with_recording(showcase_form(CampaignFactory()), youtube_id="")

    response = add(admin_client, data)

    assert response.status_code == 200
    assert "Add the YouTube link, the transcript or both." in errors_of(response)
    assert not Showcase.objects.exists()


def test_admin_refuses_a_video_link_that_is_not_youtube(admin_client):
    data = with_recording(
        showcase_form(CampaignFactory()), youtube_id="https://evil.example/watch?v=dQw4w9WgXcQ"
    )

    response = add(admin_client, data)

    assert "Enter a YouTube video link" in errors_of(response)


def test_publish_action_refuses_a_recording_without_transcript(admin_client):
    ready = ShowcaseFactory(is_published=False, title="Ready")
    RecordingFactory(showcase=ready)
    not_ready = ShowcaseFactory(is_published=False, title="Not ready")
    RecordingFactory(showcase=not_ready, transcript="")

    response = admin_client.post(
        reverse("admin:showcases_showcase_changelist"),
        {"action": "publish", "_selected_action": [ready.pk, not_ready.pk]},
        follow=True,
    )

    ready.refresh_from_db()
    not_ready.refresh_from_db()
    assert ready.is_published
    assert not not_ready.is_published
    page = response.content.decode()
    assert "Published 1 session(s)." in page
    assert "Not published: Showcase" in page


def test_unpublish_action_hides_sessions(admin_client, client):
    showcase = ShowcaseFactory()

    admin_client.post(
        reverse("admin:showcases_showcase_changelist"),
        {"action": "unpublish", "_selected_action": [showcase.pk]},
    )

    showcase.refresh_from_db()
    assert not showcase.is_published


def test_admin_changelist_links_to_a_preview(admin_client):
    showcase = ShowcaseFactory(is_published=False)

    page = admin_client.get(reverse("admin:showcases_showcase_changelist")).content.decode()

    assert f'href="{showcase.get_absolute_url()}"' in page
    assert "Preview (not published)" in page


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("agenda.pdf", PDF_BYTES),
        ("bios.docx", DOCX_BYTES),
        ("slides.odt", ODT_BYTES),
        (
            "slides.pptx",
            office_zip({"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b"<p/>"}),
        ),
        ("numbers.xlsx", office_zip({"[Content_Types].xml": b"<T/>", "xl/workbook.xml": b"<w/>"})),
        ("notes.txt", "Notes from the café.\n".encode()),
        ("attendance.csv", b"\xef\xbb\xbfregion,count\nLondon,12\n"),
    ],
)
def test_admin_accepts_allowed_pack_files(admin_client, name, content):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")

    response = add(admin_client, with_pack_item(showcase_form(CampaignFactory()), upload))

    assert response.status_code == 302, errors_of(response)
    item = DelegatePackItem.objects.get()
    assert item.file_format == name.rsplit(".", 1)[1]
    assert item.file_size == len(content)
    assert item.file.read() == content


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("page.html", b"<!doctype html><script>alert(1)</script>", "must be a PDF"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', "must be a PDF"),
        ("tracker.js", b"alert(document.cookie)", "must be a PDF"),
        ("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00", "must be a PDF"),
        ("agenda.pdf", b"<html><body>not a pdf</body></html>", "not a genuine PDF"),
        ("agenda.pdf", b"MZ\x90\x00\x03\x00\x00\x00 renamed program", "not a genuine PDF"),
        ("bios.docx", office_zip({"payload.html": b"<html/>"}), "not a genuine DOCX"),
        ("bios.docx", ODT_BYTES, "not a genuine DOCX"),
        ("slides.odt", DOCX_BYTES, "not a genuine ODT"),
        ("notes.txt", b"<html><script>alert(1)</script></html>", "web page or image markup"),
        ("notes.txt", b"\x00\x01binary", "not a plain TXT"),
        ("data.csv", "caf\xe9,1\n".encode("latin-1"), "saved as UTF-8"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_admin_refuses_pack_files_outside_the_allow_list(admin_client, name, content, message):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")

    response = add(admin_client, with_pack_item(showcase_form(CampaignFactory()), upload))

    assert response.status_code == 200
    assert message in errors_of(response)
    assert not DelegatePackItem.objects.exists()


def test_admin_pack_item_needs_a_file_or_a_link_not_both(admin_client):
    campaign = CampaignFactory()
    both = with_pack_item(
        showcase_form(campaign),
        SimpleUploadedFile("agenda.pdf", PDF_BYTES),
        link="https://example.org/",
    )
    neither = with_pack_item(showcase_form(campaign, slug="other"))

    assert "Give a file or a link, not both." in errors_of(add(admin_client, both))
    assert "Upload a file or give a link." in errors_of(add(admin_client, neither))


def test_admin_speaker_photo_is_re_encoded_with_a_thumbnail(admin_client):
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 900), "#005eb8").save(buffer, format="JPEG")
    photo = SimpleUploadedFile("speaker-portrait.jpg", buffer.getvalue(), content_type="image/jpeg")

    response = admin_client.post(
        reverse("admin:showcases_speaker_add"),
        {"name": "A. Speaker", "organisation": "Example NHS Foundation Trust", "photo": photo},
    )

    assert response.status_code == 302
    speaker = Speaker.objects.get()
    assert "speaker-portrait" not in speaker.photo.name
    assert Image.open(speaker.photo_thumbnail).size == (400, 300)


def test_admin_speaker_photo_refuses_an_svg(admin_client):
    svg = SimpleUploadedFile("me.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>")

    response = admin_client.post(
        reverse("admin:showcases_speaker_add"), {"name": "A. Speaker", "photo": svg}
    )

    assert response.status_code == 200
    assert not Speaker.objects.exists()


def test_admin_session_speakers_are_ordered_with_a_chair(admin_client, client):
    first, second = SpeakerFactory(name="Second on stage"), SpeakerFactory(name="The chair")
    data = showcase_form(CampaignFactory(), is_published="on")
    data |= {
        "session_speakers-TOTAL_FORMS": "2",
        "session_speakers-0-order": "2",
        "session_speakers-0-speaker": first.pk,
        "session_speakers-1-order": "1",
        "session_speakers-1-speaker": second.pk,
        "session_speakers-1-is_chair": "on",
    }

    assert add(admin_client, data).status_code == 302
    page = client.get(Showcase.objects.get().get_absolute_url()).content.decode()

    assert page.index("The chair (chair)") < page.index("Second on stage")


def test_admin_refuses_to_publish_an_existing_session_whose_recording_lacks_a_transcript(
    admin_client,
):
    recording = RecordingFactory(transcript="", showcase__is_published=False)
    showcase = recording.showcase
    data = showcase_form(
        showcase.campaign, slug=showcase.slug, number=str(showcase.number), is_published="on"
    )
    data = with_recording(data, youtube_id=recording.youtube_id)
    data |= {
        "recording-INITIAL_FORMS": "1",
        "recording-0-id": recording.pk,
        "recording-0-showcase": showcase.pk,
    }

    response = admin_client.post(
        reverse("admin:showcases_showcase_change", args=[showcase.pk]), data
    )

    assert response.status_code == 200
    assert "A published recording needs a transcript" in errors_of(response)
    showcase.refresh_from_db()
    assert not showcase.is_published


def test_deleting_a_session_in_the_admin_removes_its_stored_files(
    admin_client, django_capture_on_commit_callbacks
):
    item = PackFileFactory()
    path = item.file.path

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:showcases_showcase_delete", args=[item.showcase.pk]), {"post": "yes"}
        )

    assert not Showcase.objects.exists()
    assert not Path(path).exists()
