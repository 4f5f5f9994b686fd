import json

import pytest
from django.urls import reverse

from tests.factories import CampaignFactory
from tests.html import parse

pytestmark = pytest.mark.django_db

STATIC_PAGES = ["accessibility", "privacy", "cookies", "contact"]


def test_home_shows_the_current_edition_with_its_theme_and_dates(client):
    CampaignFactory(name="KNOWvember25", year=2025, theme="Old theme")
    CampaignFactory(
        name="KNOWvember26", year=2026, theme="Learn before, during and after", is_current=True
    )

    response = client.get(reverse("home"))

    page = response.content.decode()
    assert "KNOWvember26" in page
    assert "Learn before, during and after" in page
    assert "Sunday 1 November 2026 to Monday 30 November 2026" in page
    assert "Old theme" not in page


def test_home_links_to_every_part_of_the_campaign(client):
    response = client.get(reverse("home"))

    links = parse(response).links
    for name in ["events:list", "pledges:wall", "showcases:list", "community:signup"]:
        assert reverse(name) in links


def test_campaign_archive_shows_the_edition_and_links_to_the_others(client):
    edition = CampaignFactory(name="KNOWvember20", year=2020, summary="Four virtual showcases.")
    other = CampaignFactory(name="Knowvember18", year=2018)

    response = client.get(edition.get_absolute_url())

    assert response.status_code == 200
    assert "Four virtual showcases." in response.content.decode()
    assert other.get_absolute_url() in parse(response).links


def test_campaign_archive_of_an_unknown_edition_is_a_friendly_404(client):
    response = client.get(reverse("campaign", kwargs={"slug": "knowvember99"}))

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert parse(response).h1_count == 1


@pytest.mark.parametrize("name", STATIC_PAGES)
def test_static_pages_have_one_heading_and_the_footer_links(client, name):
    response = client.get(reverse(name))

    page = parse(response)
    assert response.status_code == 200
    assert page.h1_count == 1
    for footer_link in STATIC_PAGES:
        assert reverse(footer_link) in page.links
    assert "© NHS England" in response.content.decode()


def test_cookies_page_names_only_strictly_necessary_cookies(client):
    page = client.get(reverse("cookies")).content.decode()

    assert "strictly necessary" in page
    assert "__Host-sessionid" in page
    assert "analytics" in page  # says we do not use them


def test_robots_txt_keeps_crawlers_out_of_private_areas_and_names_the_sitemap(client):
    response = client.get("/robots.txt")

    body = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in body
    assert "Disallow: /my/" in body
    assert "Disallow: /search/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_healthz_reports_the_database_is_up(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "up"}
    assert "no-store" in response["Cache-Control"]


def test_sitemap_lists_public_pages_and_nothing_unpublished_or_unapproved(client):
    from pledges.models import Pledge
    from tests.events.factories import EventFactory
    from tests.pledges.factories import PledgeFactory
    from tests.showcases.factories import ShowcaseFactory

    edition = CampaignFactory(name="KNOWvember20", year=2020)
    event, draft_event = EventFactory(), EventFactory(is_published=False)
    pledge, pending = PledgeFactory(), PledgeFactory(status=Pledge.Status.PENDING)
    showcase, draft_showcase = ShowcaseFactory(), ShowcaseFactory(is_published=False)

    body = client.get("/sitemap.xml").content.decode()

    for public in [edition, event, pledge, showcase]:
        assert f"<loc>http://testserver{public.get_absolute_url()}</loc>" in body
    for hidden in [draft_event, pending, draft_showcase]:
        assert f"<loc>http://testserver{hidden.get_absolute_url()}</loc>" not in body
    assert "http://testserver/accessibility/" in body
    assert "http://testserver/pledges/" in body
    assert "/admin/" not in body
    assert "/my/" not in body


def test_head_requests_are_answered_like_get(client):
    assert client.head(reverse("home")).status_code == 200


def test_contact_page_gives_the_configured_address(client, settings):
    settings.KNOWVEMBER_CONTACT_EMAIL = "knowvember@nhs.test"

    response = client.get(reverse("contact"))

    assert "mailto:knowvember@nhs.test" in parse(response).links


def test_contact_page_without_an_address_names_no_made_up_one(client, settings):
    settings.KNOWVEMBER_CONTACT_EMAIL = ""

    response = client.get(reverse("contact"))

    page = response.content.decode()
    assert "mailto:" not in page
    assert "speak to your local NHS knowledge and library service" in page
