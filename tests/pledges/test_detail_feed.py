import io
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from PIL import Image

from pledges.models import Pledge
from pledges.share_image import card_lines
from tests.factories import UserFactory
from tests.html import parse
from tests.pledges.factories import CompletedPledgeFactory, PledgeFactory

pytestmark = pytest.mark.django_db

XSS = '"><script>alert(1)</script>'
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize("status", ["pending", "rejected", "withdrawn"])
def test_pledge_page_is_hidden_unless_approved(client, status):
    pledge = PledgeFactory(status=status)

    assert client.get(pledge.get_absolute_url()).status_code == 404
    assert client.get(reverse("pledges:share-image", args=[pledge.pk])).status_code == 404


def test_pledge_page_shows_consented_fields_and_approved_lessons(client):
    pledge = CompletedPledgeFactory(
        author=UserFactory(name="Named Person"), show_name=True, organisation="Secret Trust"
    )

    response = client.get(pledge.get_absolute_url())

    page = response.content.decode()
    assert pledge.title in page
    assert "Named Person" in page and "Secret Trust" not in page
    assert pledge.aar_difference in page
    assert f"?activity={pledge.activity.slug}" in page  # "Pledge to try" link
    assert parse(response).h1_count == 1


def test_pledge_page_hides_lessons_until_approved(client):
    pledge = CompletedPledgeFactory(lessons_status=Pledge.LessonsStatus.PENDING)

    page = client.get(pledge.get_absolute_url()).content.decode()

    assert pledge.aar_difference not in page


def test_pledge_page_escapes_every_text_field(client):
    pledge = CompletedPledgeFactory(
        author=UserFactory(name=XSS),
        title=XSS,
        text=XSS,
        organisation=XSS,
        photo_alt=XSS,
        aar_planned=XSS,
        aar_actual=XSS,
        aar_difference=XSS,
        aar_next=XSS,
        show_name=True,
        show_organisation=True,
    )

    response = client.get(pledge.get_absolute_url())

    assert "<script>alert(1)" not in response.content.decode()
    assert parse(response).inline_scripts == 0


def test_pledge_page_points_open_graph_at_its_card(client):
    pledge = PledgeFactory()

    page = client.get(pledge.get_absolute_url()).content.decode()

    assert 'property="og:image" content="http' in page
    assert reverse("pledges:share-image", args=[pledge.pk]) in page


def test_share_image_is_a_1200_by_630_png(client):
    pledge = PledgeFactory()

    response = client.get(reverse("pledges:share-image", args=[pledge.pk]))

    assert response["Content-Type"] == "image/png"
    with Image.open(io.BytesIO(response.content)) as card:
        assert card.size == (1200, 630)


def test_share_image_words_leave_out_personal_data_without_consent():
    hidden = PledgeFactory(author=UserFactory(name="Private Person"), organisation="Quiet Trust")
    shown = PledgeFactory(
        author=UserFactory(name="Public Person"),
        organisation="Open Trust",
        show_name=True,
        show_organisation=True,
    )

    assert card_lines(hidden)["byline"] == ""
    assert card_lines(shown)["byline"] == "Public Person, Open Trust"
    assert card_lines(hidden)["technique"].startswith(hidden.activity.name)
    assert card_lines(hidden)["region"] == hidden.region.name


def test_feed_lists_approved_pledges_with_consented_fields_only(client):
    PledgeFactory(title="Public pledge", author=UserFactory(name="Shy Author"))
    PledgeFactory(title="Named pledge", author=UserFactory(name="Open Author"), show_name=True)
    PledgeFactory(title="Pending pledge", status=Pledge.Status.PENDING)
    PledgeFactory(title=XSS)

    response = client.get(reverse("pledges:feed"))

    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    titles = [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]
    authors = [name.text for name in root.iter(f"{ATOM}name")]
    assert response["Content-Type"].startswith("application/atom+xml")
    assert {"Public pledge", "Named pledge", XSS} == set(titles)
    assert "Open Author" in authors and "Shy Author" not in response.content.decode()
    assert b"<script>" not in response.content
