"""The printables open as PDFs, and their QR codes take a phone to the right form."""

import io

import pytest
import zxingcpp
from django.urls import reverse
from pypdf import PdfReader

from tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db

SITE = "https://knowvember.example.nhs.uk"
A4_POINTS = (595.28, 841.89)


@pytest.fixture
def edition(settings):
    settings.SITE_URL = SITE
    return CampaignFactory(name="KNOWvember30", slug="knowvember30", year=2030, is_current=True)


def fetch_pdf(client, edition, name):
    response = client.get(reverse("toolkit:printable", args=[edition.slug, name]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="knowvember30-{name}.pdf"'
    return PdfReader(io.BytesIO(response.content))


def decoded_qr_codes(page) -> set[str]:
    texts = set()
    for image in page.images:
        texts |= {result.text for result in zxingcpp.read_barcodes(image.image)}
    return texts


def link_targets(page) -> set[str]:
    return {
        annotation.get_object()["/A"]["/URI"]
        for annotation in page.get("/Annots", [])
        if annotation.get_object().get("/Subtype") == "/Link"
    }


@pytest.mark.parametrize(
    ("name", "words", "form"),
    [
        ("poster", "What will you pledge?", "pledges:create"),
        ("pledge-cards", "This November I will try", "pledges:create"),
        ("after-action-review-cards", "Why was there a difference?", "accounts:dashboard"),
    ],
)
def test_printable_is_one_a4_page_whose_qr_code_opens_its_form(client, edition, name, words, form):
    form_url = SITE + reverse(form)

    reader = fetch_pdf(client, edition, name)

    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == (
        A4_POINTS
    )
    text = page.extract_text()
    assert words in text and "KNOWvember30" in reader.metadata.title
    assert form_url in text  # printed for anyone who cannot scan
    assert decoded_qr_codes(page) == {form_url}
    assert link_targets(page) == {form_url}


def test_poster_shows_the_edition_dates(client, edition):
    text = fetch_pdf(client, edition, "poster").pages[0].extract_text()

    assert "Friday 1 November to Saturday 30 November 2030" in text


def test_an_unknown_printable_or_edition_is_not_found(client, edition):
    assert client.get(f"/toolkit/{edition.slug}/brochure.pdf").status_code == 404
    assert client.get("/toolkit/knowvember99/poster.pdf").status_code == 404
