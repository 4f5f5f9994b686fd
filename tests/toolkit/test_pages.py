"""The toolkit page and what a librarian downloads from it; organisers' extra files."""

import io
import xml.etree.ElementTree as ET

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.urls import reverse
from PIL import Image

from knowvember import demo as site_demo
from tests.factories import CampaignFactory
from tests.showcases.factories import PDF_BYTES
from toolkit import demo
from toolkit.models import ToolkitFile

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def edition():
    return CampaignFactory(name="KNOWvember30", slug="knowvember30", is_current=True)


@pytest.fixture
def admin_client(client, organiser):
    client.force_login(organiser)
    return client


def test_toolkit_page_offers_the_current_edition_s_branding_and_printables(client, edition):
    older = CampaignFactory(name="KNOWvember29", slug="knowvember29")

    response = client.get(reverse("toolkit:index"))

    page = response.content.decode()
    assert "<h1>KNOWvember30 toolkit</h1>" in page
    for name in ("poster", "pledge-cards", "after-action-review-cards"):
        assert f'href="/toolkit/knowvember30/{name}.pdf" download' in page
    assert 'href="/toolkit/knowvember30/logo-blue.svg" download' in page
    assert "#005EB8" in page and "NHS Warm Yellow" in page and "Arial" in page
    assert f'href="/toolkit/{older.slug}/">KNOWvember29 toolkit</a>' in page


def test_an_edition_s_toolkit_has_its_own_page_and_an_unknown_one_is_not_found(client, edition):
    assert client.get(reverse("toolkit:edition", args=["knowvember30"])).status_code == 200
    assert client.get(reverse("toolkit:edition", args=["knowvember99"])).status_code == 404


def test_toolkit_page_without_any_edition_says_so(client):
    response = client.get(reverse("toolkit:index"))

    assert response.status_code == 200
    assert "once the first edition" in response.content.decode()


def test_logo_svg_is_the_edition_s_wordmark(client, edition):
    response = client.get(reverse("toolkit:logo", args=["knowvember30", "blue", "svg"]))

    assert response["Content-Type"] == "image/svg+xml"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    root = ET.fromstring(response.content)  # noqa: S314 - our own SVG
    assert root.findtext(f"{SVG}title") == "KNOWvember30: learn before, during and after"
    assert "".join(root.find(f"{SVG}text").itertext()) == "KNOWvember30"
    assert root.find(f"{SVG}script") is None


@pytest.mark.parametrize(("variant", "transparent"), [("blue", False), ("white", True)])
def test_logo_png_is_drawn_from_the_same_layout_as_the_svg(client, edition, variant, transparent):
    svg = client.get(reverse("toolkit:logo", args=["knowvember30", variant, "svg"]))
    png = client.get(reverse("toolkit:logo", args=["knowvember30", variant, "png"]))

    width = int(ET.fromstring(svg.content).get("width"))  # noqa: S314 - our own SVG
    with Image.open(io.BytesIO(png.content)) as image:
        assert image.format == "PNG" and image.size == (width * 3, 600)
        edge = image.getpixel((4, 300))
        assert edge[3] == 0 if transparent else edge == (0, 94, 184, 255)


@pytest.mark.parametrize("size", ["1200x630", "1200x675", "1080x1080", "1500x500"])
def test_social_media_cards_come_in_the_networks_sizes(client, edition, size):
    response = client.get(reverse("toolkit:social-card", args=["knowvember30", size]))

    assert response["Content-Disposition"] == (
        f'attachment; filename="knowvember30-social-card-{size}.png"'
    )
    with Image.open(io.BytesIO(response.content)) as image:
        assert "x".join(map(str, image.size)) == size


def test_an_unknown_card_size_or_logo_is_not_found(client, edition):
    assert client.get("/toolkit/knowvember30/social-card-10x10.png").status_code == 404
    assert client.get("/toolkit/knowvember30/logo-red.svg").status_code == 404


def test_organiser_uploads_a_toolkit_file_checked_like_a_delegate_pack(admin_client, edition):
    upload = SimpleUploadedFile("slides.pdf", PDF_BYTES, content_type="application/pdf")
    data = {"campaign": edition.pk, "order": 1, "title": "Launch slides", "description": ""}

    response = admin_client.post(reverse("admin:toolkit_toolkitfile_add"), data | {"file": upload})

    assert response.status_code == 302
    item = ToolkitFile.objects.get()
    assert item.file_format == "pdf" and "slides" not in item.file.name


def test_a_web_page_renamed_to_pdf_is_refused_with_a_message(admin_client, edition):
    page = SimpleUploadedFile("slides.pdf", b"<!doctype html><script>alert(1)</script>")
    data = {"campaign": edition.pk, "order": 1, "title": "Slides", "description": ""}

    response = admin_client.post(reverse("admin:toolkit_toolkitfile_add"), data | {"file": page})

    assert "The file is not a genuine PDF" in response.content.decode()
    assert not ToolkitFile.objects.exists()


def test_a_toolkit_file_downloads_as_an_attachment_and_shows_on_its_edition(client, edition):
    item = ToolkitFile.objects.create(
        campaign=edition, title="Launch slides", file_format="pdf", file_size=len(PDF_BYTES)
    )
    item.file.save("ignored", SimpleUploadedFile("x.pdf", PDF_BYTES))
    ToolkitFile.objects.create(title="Framework", link="https://www.england.nhs.uk/")
    elsewhere = CampaignFactory()
    ToolkitFile.objects.create(
        campaign=elsewhere, title="For another year", link="https://x.nhs.uk"
    )

    page = client.get(reverse("toolkit:index")).content.decode()
    response = client.get(item.url)

    assert (
        "Launch slides</a>" in page and "Framework</a>" in page and "For another year" not in page
    )
    assert response["Content-Disposition"] == 'attachment; filename="launch-slides.pdf"'
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_edition_archive_points_to_its_toolkit(client, edition):
    page = client.get(edition.get_absolute_url()).content.decode()

    assert 'href="/toolkit/knowvember30/">KNOWvember30 toolkit</a>' in page


def test_demo_toolkit_files_load_twice_without_duplicates():
    command = BaseCommand()
    site_demo.load_demo_data(command)
    demo.load_demo_data(command)
    demo.load_demo_data(command)

    assert ToolkitFile.objects.count() == 2
    assert all(item.file_format in ("txt", "csv") for item in ToolkitFile.objects.all())
