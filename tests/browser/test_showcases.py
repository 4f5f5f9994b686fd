import pytest

from tests.browser.conftest import tab_to
from tests.showcases.factories import (
    PackFileFactory,
    RecordingFactory,
    SessionSpeakerFactory,
    ShowcaseFactory,
    TakeawayFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

PLAYER_PAGE = "<!doctype html><html lang='en'><title>Player</title><body></body></html>"


def recorded_session():
    recording = RecordingFactory(
        showcase__title="To share is to care",
        showcase__slug="to-share-is-to-care",
        showcase__campaign__name="KNOWvember20",
    )
    SessionSpeakerFactory(showcase=recording.showcase, is_chair=True)
    PackFileFactory(showcase=recording.showcase)
    TakeawayFactory(showcase=recording.showcase)
    return recording


def test_showcase_list_has_no_accessibility_violations(page, axe):
    recorded_session()
    ShowcaseFactory(title="An interview", kind="interview", number=1)

    page.goto("/showcases/")
    page.get_by_label("Type").select_option("interview")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/showcases/?*kind=interview*")

    assert page.locator("h1").inner_text() == "Showcases"
    assert page.get_by_role("link", name="An interview").is_visible()
    assert page.get_by_role("link", name="To share is to care").count() == 0
    axe(page)


@pytest.mark.allow_origins("https://www.youtube-nocookie.com/")
def test_player_loads_from_the_privacy_enhanced_domain_only_after_play_by_keyboard(page, axe):
    recording = recorded_session()
    video_requests = []

    def fulfil(route):
        video_requests.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body=PLAYER_PAGE)

    page.route("https://www.youtube-nocookie.com/**", fulfil)
    page.goto("/showcases/to-share-is-to-care/")

    assert page.locator("iframe").count() == 0
    assert page.get_by_role("link", name="Watch on YouTube").is_visible()
    axe(page)
    assert video_requests == []

    tab_to(page, "button[data-showcases-play]")
    page.keyboard.press("Enter")

    frame = page.locator("iframe[title='Video: To share is to care']")
    frame.wait_for()
    assert frame.get_attribute("src").startswith(
        f"https://www.youtube-nocookie.com/embed/{recording.youtube_id}"
    )
    page.wait_for_function("document.activeElement.tagName === 'IFRAME'")
    assert page.url.endswith("/showcases/to-share-is-to-care/")  # no reload: JavaScript did it
    assert video_requests and all(
        url.startswith("https://www.youtube-nocookie.com/embed/") for url in video_requests
    )
    assert page.get_by_role("link", name="Watch on YouTube").is_visible()
    axe(page)


def test_transcript_opens_from_its_details_element(page, axe):
    recorded_session()

    page.goto("/showcases/to-share-is-to-care/")
    transcript = page.get_by_text("Today we talk about peer assists.")
    assert not transcript.is_visible()
    page.get_by_text("Transcript", exact=True).click()

    assert transcript.is_visible()
    axe(page)
