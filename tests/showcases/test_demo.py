import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.urls import reverse

from knowvember import demo as site_demo
from knowvember.documents import validate_document
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
    demo.load_demo_data(command)


def test_demo_has_the_four_knowvember20_showcases_with_their_exact_titles():
    load()

    showcases = Showcase.objects.filter(campaign__slug="knowvember20", kind="showcase")

    assert list(showcases.order_by("number").values_list("title", flat=True)) == TITLES
    assert Showcase.objects.filter(kind="interview").count() == 3
    assert Showcase.objects.filter(kind="chat").count() == 1


def test_demo_is_idempotent():
    load()
    counts = (Showcase.objects.count(), DelegatePackItem.objects.count())

    load()

    assert (Showcase.objects.count(), DelegatePackItem.objects.count()) == counts


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


def test_demo_recordings_have_transcripts_and_stored_stills():
    load()

    recordings = Recording.objects.all()

    assert recordings.count() == 7
    assert all(r.has_transcript and r.still_image and r.still_thumbnail for r in recordings)
