"""How the site looks in a real browser: type, reflow at 320 px, charts and the video player."""

import pytest

from events.models import Event
from tests.events.factories import EventFactory
from tests.factories import CampaignFactory, RegionFactory
from tests.pledges.factories import CompletedPledgeFactory, PledgeFactory
from tests.showcases.factories import PackFileFactory, RecordingFactory

pytestmark = pytest.mark.django_db(transaction=True)


def computed_font(page, selector):
    return page.locator(selector).first.evaluate("el => getComputedStyle(el).fontFamily")


def test_body_buttons_and_inputs_are_set_in_a_sans_serif_stack(page):
    CampaignFactory(is_current=True)

    page.goto("/community/")

    for selector in ["main p", "main button.nhsuk-button", "main input.nhsuk-input"]:
        family = computed_font(page, selector)
        assert family.split(",")[-1].strip() == "sans-serif", (selector, family)
        assert "Times" not in family


def bar_width(page, region, column):
    """Drawn width of the bar in one cell of the region table (0 when there is no bar)."""
    row = page.locator("table").first.locator("tr", has=page.locator(f"th:text-is('{region}')"))
    rect = row.locator("td").nth(column).locator("svg rect")
    if rect.count() == 0:
        return 0
    return rect.evaluate("el => el.getBoundingClientRect().width")


def test_statistics_bars_are_drawn_in_proportion_to_their_counts(page, axe):
    campaign = CampaignFactory(is_current=True)
    london = RegionFactory(slug="london", name="London", order=1)
    midlands = RegionFactory(slug="midlands", name="Midlands", order=2)
    RegionFactory(slug="north-west", name="North West", order=3)
    CompletedPledgeFactory.create_batch(5, campaign=campaign, region=london)
    PledgeFactory.create_batch(5, campaign=campaign, region=london)
    PledgeFactory.create_batch(5, campaign=campaign, region=midlands)

    page.goto("/pledges/stats/")

    london_pledges, london_done = bar_width(page, "London", 0), bar_width(page, "London", 1)
    midlands_pledges = bar_width(page, "Midlands", 0)
    assert london_pledges > 100
    assert midlands_pledges / london_pledges == pytest.approx(0.5, abs=0.01)  # 5 of 10
    assert london_done / london_pledges == pytest.approx(0.5, abs=0.01)  # 5 of 10
    assert bar_width(page, "Midlands", 1) == 0  # nothing carried out: no bar
    assert bar_width(page, "North West", 0) == 0
    fills = {
        rect.evaluate("el => getComputedStyle(el).fill")
        for rect in page.locator("table").first.locator("td:nth-of-type(2) svg rect").all()
    }
    assert fills == {"rgb(0, 127, 59)"}  # carried out is NHS green
    axe(page)


PLAYER_PAGE = "<!doctype html><html lang='en'><title>Player</title><body></body></html>"
PLAYER_IN_VIEW = """() => {
    const box = document.querySelector('.kv-player').getBoundingClientRect();
    return {top: box.top, bottom: box.bottom, ratio: box.width / box.height,
            viewport: innerHeight, scrollWidth: document.documentElement.scrollWidth};
}"""


@pytest.fixture
def video_session():
    """A session whose recording sits below the fold on a small screen."""
    recording = RecordingFactory(
        showcase__title="To share is to care",
        showcase__slug="to-share-is-to-care",
        showcase__programme="\n".join(f"Item {n}" for n in range(12)),
    )
    recording.showcase.question = "How does sharing practice build skills? " * 6
    recording.showcase.save()
    return recording


def open_player(browser, live_server, *, javascript):
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 320, "height": 640},
        java_script_enabled=javascript,
    )
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    tab.route(
        "https://www.youtube-nocookie.com/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body=PLAYER_PAGE),
    )
    tab.goto("/showcases/to-share-is-to-care/")
    tab.get_by_role("button", name="Play the recording").click()
    tab.locator("iframe.kv-player__frame").wait_for()
    return context, tab


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_play_shows_a_16_by_9_player_in_view_with_focus(
    browser, live_server, video_session, javascript
):
    context, tab = open_player(browser, live_server, javascript=javascript)
    try:
        tab.wait_for_function(
            "document.activeElement.closest && document.activeElement.closest('.kv-player')"
        )
        player = tab.evaluate(PLAYER_IN_VIEW)
        assert tab.url.endswith("?play=1") is not javascript  # the server drew it without JS
    finally:
        context.close()

    assert player["ratio"] == pytest.approx(16 / 9, abs=0.02)
    assert 0 <= player["top"] and player["bottom"] <= player["viewport"]
    assert player["scrollWidth"] <= 320


def test_no_public_page_scrolls_sideways_at_320_px(browser, live_server, axe):
    """WCAG 2.2 reflow: every public page, with content in it, fits a 320 px wide screen."""
    campaign = CampaignFactory(name="KNOWvember26", year=2026, is_current=True)
    region = RegionFactory(slug="north-west", name="North West")
    national = RegionFactory(slug="national-outside-england", name="National / outside England")
    event = EventFactory(campaign=campaign, region=region, title="Knowledge-mobilisation day")
    chat = EventFactory(
        campaign=campaign,
        region=national,
        format=Event.Format.ONLINE_CHAT,
        hashtag="#ukmedlibs",
        how_to_join="The chat is on X (formerly Twitter). Search X for #ukmedlibs.",
        venue_name="",
        capacity=None,
    )
    pledge = CompletedPledgeFactory(campaign=campaign, region=region)
    PledgeFactory.create_batch(5, campaign=campaign, region=region)
    recording = RecordingFactory(
        showcase__campaign=campaign,
        showcase__title="Knowledge mobilisation standards: making it every-day business",
    )
    PackFileFactory(showcase=recording.showcase)
    showcase = recording.showcase.get_absolute_url()
    paths = [
        "/",
        "/campaigns/",
        campaign.get_absolute_url(),
        "/events/",
        event.get_absolute_url(),
        chat.get_absolute_url(),
        "/pledges/",
        "/pledges/stats/",
        pledge.get_absolute_url(),
        "/showcases/",
        showcase,
        f"{showcase}?play=1",
        "/community/",
        "/search/?q=knowledge",
        "/accessibility/",
        "/privacy/",
        "/cookies/",
        "/contact/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/login/code/",
        "/no-such-page/",
    ]
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 640})
    tab = context.new_page()
    tab.route(
        "https://www.youtube-nocookie.com/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body=PLAYER_PAGE),
    )
    too_wide = {}
    try:
        for path in paths:
            tab.goto(path)
            width = tab.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                too_wide[path] = width
            axe(tab)
    finally:
        context.close()

    assert too_wide == {}
