import pytest
from django.db import connection

from tests.browser.conftest import press_button, tab_to
from tests.events.factories import EventFactory
from tests.factories import CampaignFactory
from tests.pledges.factories import PledgeFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="typo matching"),
]


def test_keyboard_search_with_a_typo_then_filter_to_pledges(page, axe):
    edition = CampaignFactory(name="KNOWvember26", slug="knowvember26", year=2026)
    EventFactory(title="Knowledge café evening", campaign=edition)
    PledgeFactory(title="Host a knowledge café on the wards", campaign=edition)
    PledgeFactory(title="Knowledge café for porters", campaign=edition)

    page.goto("/")
    tab_to(page, "#search-field")
    page.keyboard.type("knowlege cafe")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=knowlege+cafe")

    main = page.locator("main")
    assert "Did you mean knowledge café?" in main.inner_text()
    assert main.locator("mark").first.inner_text().lower() in {"knowledge", "café"}
    axe(page)

    press_button(page, "main a:text('Pledges (2)')")
    page.wait_for_url("**kind=pledge")
    assert "2 results found with these filters" in main.inner_text()
    assert sorted(main.locator("h2 a").all_inner_texts()) == [
        "Host a knowledge café on the wards",
        "Knowledge café for porters",
    ]
    axe(page)
