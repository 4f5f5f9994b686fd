import io

import pytest
from PIL import Image

from pledges import services
from pledges.models import Pledge
from tests.browser.conftest import choose_by_keyboard, sign_in, tab_to
from tests.factories import PASSWORD, CampaignFactory, RegionFactory, UserFactory
from tests.pledges.factories import ActivityFactory, CompletedPledgeFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def photo_file(tmp_path):
    path = tmp_path / "team.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (0, 94, 184)).save(buffer, format="JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def test_keyboard_only_pledge_with_a_photo(page, axe, photo_file):
    CampaignFactory(name="KNOWvember26", year=2026, is_current=True)
    london = RegionFactory(slug="london", name="London")
    cafe = ActivityFactory(slug="knowledge-cafe")
    CompletedPledgeFactory(activity=cafe, aar_next="Book the room a month ahead")
    user = UserFactory(region=london)
    sign_in(page, user, PASSWORD)

    page.goto("/pledges/new/")
    axe(page)
    choose_by_keyboard(page, "main #id_activity", "knowledge-cafe")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/pledges/new/?activity=knowledge-cafe")
    assert "Book the room a month ahead" in page.locator("main").inner_text()
    axe(page)

    tab_to(page, "#id_title")
    page.keyboard.type("Host a knowledge café for porters")
    tab_to(page, "#id_text")
    page.keyboard.type("An hour on sharing tips between shifts.")
    tab_to(page, "#id_effort_0")  # a radio group is one tab stop; arrows choose
    page.keyboard.press("ArrowDown")
    tab_to(page, "#id_photo")
    # The operating system's file dialog is outside the page: Playwright stands in for it
    # once the keyboard has reached the control.
    page.locator("#id_photo").set_input_files(str(photo_file))
    tab_to(page, "#id_photo_alt")
    page.keyboard.type("Porters around a table with tea")
    tab_to(page, "#id_show_photo")
    page.keyboard.press("Space")
    tab_to(page, "main form button.nhsuk-button:not(.nhsuk-button--secondary)")
    page.keyboard.press("Enter")
    page.wait_for_url("**/my/")

    assert "An organiser will check it soon" in page.locator("main").inner_text()
    axe(page)
    pledge = Pledge.objects.get(title="Host a knowledge café for porters")
    assert pledge.status == Pledge.Status.PENDING
    assert pledge.region == london and pledge.effort == "medium"
    assert pledge.photo and pledge.show_photo and not pledge.show_name


def test_wall_pledge_page_and_stats_have_no_axe_violations(page, axe):
    campaign = CampaignFactory(name="KNOWvember26", year=2026, is_current=True)
    pledges = CompletedPledgeFactory.create_batch(6, campaign=campaign, show_name=True)
    services.pledge_approve(pledges=Pledge.objects.all(), moderator=None)

    page.goto("/pledges/")
    assert page.locator("h1").count() == 1
    axe(page)
    page.get_by_label("Technique").select_option(pledges[0].activity.slug)
    page.get_by_role("button", name="Apply filters").click()
    assert "1 pledge from 1 person in 1 region" in page.locator("main").inner_text()
    axe(page)

    page.goto(pledges[0].get_absolute_url())
    axe(page)

    page.goto("/pledges/stats/")
    assert page.locator("table").count() == 3
    axe(page)
