import re

import pytest
from django.core import mail

from accounts.models import User
from tests.browser.conftest import tab_to
from tests.factories import PASSWORD, CampaignFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/accessibility/",
        "/privacy/",
        "/cookies/",
        "/contact/",
        "/accounts/signup/",
        "/accounts/login/",
        "/no-such-page/",
    ],
)
def test_page_has_no_accessibility_violations(page, axe, path):
    CampaignFactory(name="KNOWvember26", year=2026, is_current=True)

    page.goto(path)

    assert page.locator("h1").count() == 1
    axe(page)


def test_home_page_is_styled_by_our_own_compiled_nhsuk_css(page):
    page.goto("/")

    header_colour = page.locator("header.nhsuk-header").evaluate(
        "el => getComputedStyle(el).backgroundColor"
    )
    assert header_colour == "rgb(0, 94, 184)"  # NHS blue: the stylesheet loaded
    assert page.evaluate("document.body.classList.contains('js-enabled')")


def test_skip_link_is_the_first_thing_a_keyboard_reaches(page):
    page.goto("/")

    page.keyboard.press("Tab")

    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"


def test_signup_form_errors_show_a_summary_that_links_to_the_field(page, axe):
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill("not an email")
    page.get_by_role("button", name="Create account").click()

    summary = page.locator(".nhsuk-error-summary")
    assert summary.is_visible()
    assert "There is a problem" in summary.inner_text()
    axe(page)
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_email"


def test_keyboard_only_sign_up_verify_and_arrive_at_my_knowvember(page, axe, live_server):
    page.goto("/")
    tab_to(page, "a.nhsuk-header__account-link")
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/login/")
    tab_to(page, "main a[href='/accounts/signup/']")  # "Create an account"
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/signup/")
    axe(page)

    tab_to(page, "#id_email")
    page.keyboard.type("keyboard.user@example.nhs.uk")
    tab_to(page, "#id_name")
    page.keyboard.type("K. Board")
    tab_to(page, "#id_password1")
    page.keyboard.type(PASSWORD)
    tab_to(page, "#id_password2")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/confirm-email/")
    axe(page)

    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", mail.outbox[-1].body)[1]
    page.goto(link)
    axe(page)
    tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/my/")

    assert "My KNOWvember" in page.locator("h1").inner_text()
    assert User.objects.get(email="keyboard.user@example.nhs.uk").name == "K. Board"
    axe(page)


def test_log_in_with_email_and_password(page, axe):
    user = UserFactory(email="reader@example.nhs.uk")

    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url("**/my/")

    assert page.get_by_role("button", name="Sign out").is_visible()
    axe(page)
