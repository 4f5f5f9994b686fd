import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from tests.factories import OrganiserFactory
from tests.showcases.factories import (
    DOCX_BYTES,
    PDF_BYTES,
    PackFileFactory,
    PackLinkFactory,
    RecordingFactory,
    ShowcaseFactory,
)

pytestmark = pytest.mark.django_db


def body(response):
    return b"".join(response.streaming_content)


def test_pack_file_downloads_as_an_attachment_with_a_fixed_type(client):
    item = PackFileFactory(title="Agenda for the day", order=1)

    response = client.get(item.get_download_url())

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="01-agenda-for-the-day.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert body(response) == PDF_BYTES


def test_pack_file_is_stored_under_a_random_name_outside_public_media(client, settings):
    item = PackFileFactory()

    assert item.file.name.startswith("packs/")
    assert "upload" not in item.file.name
    assert "." not in item.file.name
    assert item.file.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not item.file.path.startswith(str(settings.MEDIA_ROOT))


def test_pack_file_of_unpublished_session_does_not_download(client, user_client):
    item = PackFileFactory(showcase__is_published=False)

    assert client.get(item.get_download_url()).status_code == 404
    assert user_client.get(item.get_download_url()).status_code == 404


def test_pack_file_of_unpublished_session_downloads_for_an_organiser_previewing(client):
    item = PackFileFactory(showcase__is_published=False)
    client.force_login(OrganiserFactory())

    assert client.get(item.get_download_url()).status_code == 200


def test_pack_item_is_not_found_under_another_session(client):
    item = PackFileFactory()
    other = ShowcaseFactory()

    url = reverse("showcases:pack-item", kwargs={"slug": other.slug, "pk": item.pk})

    assert client.get(url).status_code == 404


def test_pack_link_item_has_no_download(client):
    item = PackLinkFactory()

    url = reverse("showcases:pack-item", kwargs={"slug": item.showcase.slug, "pk": item.pk})

    assert client.get(url).status_code == 404


def test_whole_pack_zip_holds_every_file_and_a_list_of_links(client):
    showcase = ShowcaseFactory(title="To share is to care", slug="to-share-is-to-care")
    PackFileFactory(showcase=showcase, order=1, title="Agenda")
    PackFileFactory(
        showcase=showcase,
        order=2,
        title="Speaker biographies",
        file=ContentFile(DOCX_BYTES, name="bios.docx"),
        file_format="docx",
        file_size=len(DOCX_BYTES),
    )
    PackLinkFactory(showcase=showcase, order=3, title="Reading list")

    response = client.get(reverse("showcases:pack-zip", kwargs={"slug": showcase.slug}))

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "application/zip"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="to-share-is-to-care-delegate-pack.zip"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    archive = zipfile.ZipFile(io.BytesIO(body(response)))
    assert archive.testzip() is None
    assert archive.namelist() == ["01-agenda.pdf", "02-speaker-biographies.docx", "links.txt"]
    assert archive.read("01-agenda.pdf") == PDF_BYTES
    assert archive.read("02-speaker-biographies.docx") == DOCX_BYTES
    assert "Reading list: https://example.org/reading" in archive.read("links.txt").decode()


def test_whole_pack_zip_of_unpublished_session_is_404(client):
    item = PackFileFactory(showcase__is_published=False)

    url = reverse("showcases:pack-zip", kwargs={"slug": item.showcase.slug})

    assert client.get(url).status_code == 404


def test_whole_pack_zip_is_not_offered_past_the_size_bound(client):
    item = PackFileFactory(file_size=200 * 1024 * 1024)  # recorded size over the 100 MB bound

    zip_url = reverse("showcases:pack-zip", kwargs={"slug": item.showcase.slug})
    page = client.get(item.showcase.get_absolute_url()).content.decode()

    assert "Download the whole pack" not in page
    assert client.get(zip_url).status_code == 404


def test_transcript_file_downloads_as_an_attachment(client):
    recording = RecordingFactory(
        transcript="",
        transcript_file=ContentFile(b"Welcome to the session.\n", name="t.txt"),
        transcript_format="txt",
        showcase__slug="chat-one",
    )

    page = client.get(recording.showcase.get_absolute_url()).content.decode()
    response = client.get(reverse("showcases:transcript", kwargs={"slug": "chat-one"}))

    assert "Download the transcript" in page
    assert "(TXT, 24\xa0bytes)" in page
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="chat-one-transcript.txt"'
    assert body(response) == b"Welcome to the session.\n"
