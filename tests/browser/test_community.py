import datetime
import re

import pytest
import time_machine
from django.core import mail

from community.models import Subscription
from community.tokens import confirm_token
from tests.browser.conftest import tab_to
from tests.community.factories import SubscribedFactory, SubscriptionFactory
from tests.factories import PASSWORD, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _path(url):
    return re.sub(r"^https?://[^/]+", "", url)


def _link(name):
    match = re.search(rf"https?://\S+/community/{name}/[^/\s]+/", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return _path(match.group(0))


def test_keyboard_only_join_confirm_and_leave_with_no_accessibility_violations(page, axe):
    RegionFactory(name="London", slug="london")
    page.goto("/")
    tab_to(page, "a.nhsuk-header__navigation-link[href='/community/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/community/")
    axe(page)

    tab_to(page, "#id_email")
    page.keyboard.type("keyboard.member@example.nhs.uk")
    tab_to(page, "#id_name")
    page.keyboard.type("K. Member")
    tab_to(page, "#id_role")
    page.keyboard.type("Library assistant")
    tab_to(page, "#id_organisation")
    page.keyboard.type("Example NHS Foundation Trust")
    tab_to(page, "#id_region")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_digest"
    page.keyboard.press("Space")  # the weekly lessons digest too
    # The next stop after the digest box is the button: the honeypot is never reached.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Join the community"
    page.keyboard.press("Enter")
    page.wait_for_url("**/community/check-your-email/")
    assert page.locator("h1").inner_text() == "Check your email"
    axe(page)

    page.goto(_link("confirm"))
    assert page.locator("h1").inner_text() == "Confirm you want to join"
    axe(page)
    assert Subscription.objects.get().status == Subscription.Status.PENDING
    tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="You have joined the community").wait_for()
    axe(page)
    assert Subscription.objects.get().status == Subscription.Status.SUBSCRIBED
    assert Subscription.objects.get().digest_joined_at is not None
    assert Subscription.objects.get().region.slug == "london"

    page.goto(_link("unsubscribe"))
    assert page.locator("h1").inner_text() == "Leave the mailing list"
    axe(page)
    tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="You have left the mailing list").wait_for()
    axe(page)
    assert Subscription.objects.get().status == Subscription.Status.UNSUBSCRIBED


def test_sign_up_errors_link_to_the_field_and_pass_axe(page, axe):
    page.goto("/community/")
    page.get_by_role("button", name="Join the community").click()

    summary = page.locator(".nhsuk-error-summary")
    assert "Enter your email address" in summary.inner_text()
    axe(page)
    summary.get_by_role("link", name="Enter your email address").click()
    assert page.evaluate("document.activeElement.id") == "id_email"


@pytest.mark.parametrize(
    "path",
    ["/community/confirm/not-a-real-token/", "/community/unsubscribe/not-a-real-token/"],
)
def test_broken_links_get_a_friendly_page_with_no_accessibility_violations(page, axe, path):
    page.goto(path)

    assert page.locator("h1").inner_text() == "This link does not work"
    axe(page)


def test_expired_link_offers_a_new_one_with_no_accessibility_violations(page, axe):
    with time_machine.travel(datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(days=8)):
        token = confirm_token(SubscriptionFactory(email="late@example.nhs.uk"))

    page.goto(f"/community/confirm/{token}/")
    assert page.locator("h1").inner_text() == "This link has expired"
    axe(page)
    tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/community/check-your-email/")

    assert mail.outbox[-1].to == ["late@example.nhs.uk"]


def test_signed_in_subscriber_sees_status_and_leaves_by_keyboard(page, axe, live_server):
    user = UserFactory(email="member@example.nhs.uk")
    SubscribedFactory(email=user.email)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/my/")
    axe(page)

    page.goto("/community/")
    assert "You are subscribed with" in page.locator("main").inner_text()
    axe(page)
    tab_to(page, "main form[action='/community/leave/'] button")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Join again").wait_for()

    assert "You have left" in page.locator("main").inner_text()
    axe(page)
