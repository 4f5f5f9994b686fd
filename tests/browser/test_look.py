"""How the site looks in a real browser: type, reflow at 320 px, charts and the video player."""

import pytest

from tests.factories import CampaignFactory, RegionFactory
from tests.pledges.factories import CompletedPledgeFactory, PledgeFactory

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
