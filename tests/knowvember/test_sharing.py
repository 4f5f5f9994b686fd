"""“Share this”: a suggested post with the hashtag and the page link, never over 280 characters."""

import pytest

from knowvember.sharing import CAMPAIGN_HASHTAG, MAX_POST_LENGTH, share_links, share_text
from tests.events.factories import EventFactory
from tests.showcases.factories import ShowcaseFactory

URL = "https://knowvember.example.nhs.uk/events/knowledge-cafe/"


def test_share_text_holds_the_title_the_link_and_the_hashtag():
    text = share_text("Knowledge café", URL, detail="Tuesday 3 November 2026")

    assert text == f"Knowledge café (Tuesday 3 November 2026) {URL} #KNOWvember"


@pytest.mark.parametrize("length", [200, 270, 279, 280, 281, 1000])
def test_a_long_title_is_shortened_but_the_link_and_hashtag_are_kept(length):
    text = share_text("a" * length, URL, detail="Tuesday 3 November 2026")

    assert len(text) <= MAX_POST_LENGTH
    assert text.endswith(f" {URL} {CAMPAIGN_HASHTAG}")


def test_share_links_are_plain_links_carrying_the_text():
    links = dict(share_links("Knowledge café #KNOWvember", URL, "Knowledge café"))

    assert links["X (Twitter)"].startswith("https://x.com/intent/post?text=Knowledge+caf")
    assert "%23KNOWvember" in links["Bluesky"]
    assert links["email"].startswith("mailto:?subject=Knowledge%20caf")


@pytest.mark.django_db
def test_event_and_session_pages_suggest_a_post_with_their_own_address(client, settings):
    settings.SITE_URL = "https://knowvember.example.nhs.uk"
    event = EventFactory(title="Knowledge café", slug="knowledge-cafe")
    session = ShowcaseFactory(title="To share is to care", slug="to-share-is-to-care")

    event_page = client.get(event.get_absolute_url()).content.decode()
    session_page = client.get(session.get_absolute_url()).content.decode()

    assert "Knowledge café (" in event_page and f"{URL} #KNOWvember</textarea>" in event_page
    assert (
        "https://knowvember.example.nhs.uk/showcases/to-share-is-to-care/ #KNOWvember</textarea>"
        in session_page
    )
    for page in (event_page, session_page):
        assert "<textarea" in page and "readonly" in page
        assert 'src="https://' not in page  # no third-party script or widget
