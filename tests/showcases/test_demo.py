import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.urls import reverse

from knowvember import demo as site_demo
from knowvember.documents import validate_document
from pledges.models import Activity
from pledges.taxonomy import seed_activities
from showcases import demo
from showcases.models import DelegatePackItem, Recording, Showcase

pytestmark = pytest.mark.django_db

TITLES = [
    "To share is to care: sharing practice, increasing skills, generating ideas.",
    "Knowledge Mobilisation standards. How do you develop skills to make knowledge "
    "mobilisation activity part of your standard every-day business?",
    "By stealth or grand design? Influencing the knowledge sharing culture of an NHS organisation.",
    "The digital workplace. Where does this leave knowledge mobilisation – how to encourage "
    "spontaneous knowledge sharing when working remotely?",
]


def load():
    command = BaseCommand(stdout=io.StringIO())
    site_demo.load_demo_data(command)
    seed_activities(Activity)
    demo.load_demo_data(command)


def test_demo_has_the_four_knowvember20_showcases_with_their_exact_titles():
    load()

    showcases = Showcase.objects.filter(campaign__slug="knowvember20", kind="showcase")

    assert list(showcases.order_by("number").values_list("title", flat=True)) == TITLES
    assert Showcase.objects.filter(campaign__slug="knowvember20", kind="interview").count() == 4
    assert Showcase.objects.filter(campaign__slug="knowvember19", kind="webinar").count() == 4


def test_demo_is_idempotent_and_rewrites_no_file():
    load()
    counts = (Showcase.objects.count(), DelegatePackItem.objects.count())
    files = sorted(DelegatePackItem.objects.exclude(file="").values_list("file", flat=True))

    load()

    assert (Showcase.objects.count(), DelegatePackItem.objects.count()) == counts
    assert sorted(DelegatePackItem.objects.exclude(file="").values_list("file", flat=True)) == files


def test_demo_pack_files_pass_our_own_upload_checks_and_download_as_a_zip(client):
    load()

    for item in DelegatePackItem.objects.exclude(file=""):
        with item.file.open("rb") as stored:
            upload = SimpleUploadedFile(f"x.{item.file_format}", stored.read())
        assert validate_document(upload).extension == item.file_format
    response = client.get(reverse("showcases:pack-zip", kwargs={"slug": "knowvember20-showcase-1"}))

    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert "01-agenda.pdf" in archive.namelist()
    assert archive.read("01-agenda.pdf").startswith(b"%PDF-")


def test_demo_sessions_have_transcripts_and_no_invented_video():
    load()

    recordings = Recording.objects.all()

    assert recordings.count() == Showcase.objects.count() == 12
    assert all(r.has_transcript and not r.youtube_id and not r.still_image for r in recordings)


def test_demo_speakers_are_described_by_role_and_kind_of_organisation(client):
    load()

    response = client.get(reverse("showcases:detail", kwargs={"slug": "knowvember20-showcase-1"}))

    page = response.content.decode()
    assert "Head of knowledge and library services (chair)" in page
    assert "An acute trust in the North West" in page
    assert "Recording not yet added. You can read the transcript below." in page


def test_demo_pack_biographies_match_the_speakers_on_the_page(client):
    load()
    showcase = Showcase.objects.get(slug="knowvember20-showcase-4")
    item = showcase.pack_items.get(kind=DelegatePackItem.Kind.BIOGRAPHIES)

    response = client.get(item.get_download_url())

    biographies = b"".join(response.streaming_content).decode()
    for appearance in showcase.session_speakers.select_related("speaker"):
        assert appearance.speaker.name in biographies
        assert appearance.speaker.organisation in biographies
