"""How the site looks in a real browser: type, reflow at 320 px, charts and the video player."""

import pytest

from tests.factories import CampaignFactory

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
