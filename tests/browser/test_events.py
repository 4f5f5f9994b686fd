import pytest
from django.core import mail
from django.test import Client

from events.models import Event, Registration
from tests.browser.conftest import tab_to
from tests.events.factories import EventFactory
from tests.factories import RegionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page, live_server, user):
    """Share a signed-in session with the browser (signing in itself is tested elsewhere)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def test_keyboard_only_find_book_and_cancel_an_event(page, axe, live_server):
    london = RegionFactory(name="London", slug="london")
    EventFactory(title="Knowledge café online", region=london, format=Event.Format.ONLINE_SESSION,
                 join_url="https://teams.example.nhs.uk/meet/cafe", capacity=10)  # fmt: skip
    EventFactory(title="Fishbowl in the Midlands", region=RegionFactory(name="Midlands"))
    user = UserFactory(email="keys@example.nhs.uk")
    sign_in(page, live_server, user)

    page.goto("/events/")
    axe(page)
    tab_to(page, "#id_region")
    page.keyboard.type("London")
    tab_to(page, "button:has-text('Apply filters')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/events/?*region=london*")

    assert "Fishbowl in the Midlands" not in page.locator("main").inner_text()
    axe(page)
    tab_to(page, "main a:has-text('Knowledge café online')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/events/knowledge-cafe-online/")
    axe(page)

    tab_to(page, "main button:has-text('Book a place')")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="You have a place").wait_for()

    assert "10 places left" not in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Join the online session").is_visible()
    assert "Your place is booked" in page.locator("main").inner_text()
    assert mail.outbox[-1].to == ["keys@example.nhs.uk"]
    axe(page)

    tab_to(page, "main a:has-text('Cancel your place')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/cancel/")
    axe(page)
    tab_to(page, "main button:has-text('Yes, cancel my place')")
    page.keyboard.press("Enter")
    page.get_by_text("Your place has been cancelled.").wait_for()

    assert page.get_by_role("button", name="Book a place").is_visible()
    assert Registration.objects.get(user=user).status == Registration.Status.CANCELLED
    axe(page)


def test_full_event_page_offers_the_waiting_list_accessibly(page, axe, live_server):
    event = EventFactory(title="After action review", capacity=1)
    Registration.objects.create(event=event, user=UserFactory(), status="confirmed")
    sign_in(page, live_server, UserFactory())

    page.goto(event.get_absolute_url())

    assert page.get_by_text("Full – join the waiting list").is_visible()
    page.get_by_role("button", name="Join the waiting list").click()
    page.get_by_text("You are number 1 on the waiting list").wait_for()
    axe(page)
