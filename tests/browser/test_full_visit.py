"""A newcomer's whole visit, keyboard only, with axe on every page they see."""

import json
import re
from pathlib import Path

import pytest
from django.core import mail

from accounts.models import User
from community.models import Subscription
from events.models import Registration
from pledges.models import Pledge
from tests.browser.conftest import choose_by_keyboard, press_button, tab_to, type_by_keyboard
from tests.events.factories import EventFactory
from tests.factories import PASSWORD, CampaignFactory, RegionFactory
from tests.pledges.factories import ActivityFactory

pytestmark = pytest.mark.django_db(transaction=True)


def link_in_last_email(pattern):
    return re.search(rf"https?://[^/\s]+({pattern}\S*)", mail.outbox[-1].body)[1]


def test_newcomer_signs_up_pledges_books_joins_downloads_their_data_and_leaves(page, axe, tmp_path):
    campaign = CampaignFactory(name="KNOWvember26", year=2026, is_current=True)
    london = RegionFactory(name="London", slug="london")
    ActivityFactory(name="Peer assist", slug="peer-assist")
    EventFactory(campaign=campaign, region=london, title="Peer assist clinic", capacity=5)

    # Home, then sign up from the header.
    page.goto("/")
    axe(page)
    press_button(page, "a.nhsuk-header__account-link")
    page.wait_for_url("**/accounts/login/")
    axe(page)
    press_button(page, "main a[href='/accounts/signup/']")
    page.wait_for_url("**/accounts/signup/")
    axe(page)
    type_by_keyboard(
        page,
        {
            "#id_email": "new.colleague@example.nhs.uk",
            "#id_name": "N. Colleague",
            "#id_job_title": "Library assistant",
            "#id_organisation": "Example NHS Foundation Trust",
        },
    )
    choose_by_keyboard(page, "#id_region", str(london.pk))
    type_by_keyboard(page, {"#id_password1": PASSWORD, "#id_password2": PASSWORD})
    press_button(page, "main button[type=submit]")
    page.wait_for_url("**/accounts/confirm-email/")
    axe(page)

    # Verify the address from the email.
    page.goto(link_in_last_email("/accounts/confirm-email/"))
    axe(page)
    press_button(page, "main button[type=submit]")
    page.wait_for_url("**/my/")
    axe(page)

    # Pledge: choose a technique, then say what I will do.
    page.goto("/pledges/new/")
    axe(page)
    choose_by_keyboard(page, "main #id_activity", "peer-assist")
    press_button(page, "main form button[type=submit]")
    page.wait_for_url("**/pledges/new/?activity=peer-assist")
    axe(page)
    type_by_keyboard(
        page,
        {
            "#id_title": "Ask the next-door library for a peer assist",
            "#id_text": "Before we change our literature-search service.",
        },
    )
    press_button(page, "main form button.nhsuk-button:not(.nhsuk-button--secondary)")
    page.wait_for_url("**/my/")
    axe(page)

    # Book the event.
    page.goto("/events/")
    axe(page)
    press_button(page, "main a:has-text('Peer assist clinic')")
    page.wait_for_url("**/events/peer-assist-clinic/")
    press_button(page, "main button:has-text('Book a place')")
    page.get_by_role("heading", name="You have a place").wait_for()
    axe(page)

    # Join the community of practice: the form is filled in from my profile.
    page.goto("/community/")
    axe(page)
    press_button(page, "main button:has-text('Join the community')")
    page.wait_for_url("**/community/check-your-email/**")
    axe(page)
    page.goto(link_in_last_email("/community/confirm/"))
    axe(page)
    press_button(page, "main button:has-text('Confirm')")
    page.get_by_role("heading", level=1).wait_for()
    axe(page)

    # Download my data.
    page.goto("/my/")
    axe(page)
    tab_to(page, "main button:has-text('Download my data')")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    saved = Path(tmp_path) / "my-data.json"
    download_info.value.save_as(saved)
    document = json.loads(saved.read_text())
    assert document["profile"]["email"] == "new.colleague@example.nhs.uk"
    assert json.dumps(document).count("Ask the next-door library for a peer assist") == 1
    assert "Peer assist clinic" in json.dumps(document["events"])
    assert "subscribed" in json.dumps(document["community"])

    # Delete my account: prove it is me, confirm, and everything goes.
    press_button(page, "main a:has-text('Delete your account')")
    page.wait_for_url("**/my/delete/")
    axe(page)
    tab_to(page, "#id_confirm")
    page.keyboard.press("Space")
    press_button(page, "main button:has-text('Delete my account')")
    page.wait_for_url("**/accounts/reauthenticate/**")
    axe(page)
    type_by_keyboard(page, {"#id_password": PASSWORD})
    page.keyboard.press("Enter")  # allauth then carries out the deletion that was asked for
    page.wait_for_url(lambda url: url.endswith("/"))
    assert "have been deleted" in page.locator("main").inner_text()
    axe(page)

    assert not User.objects.filter(email="new.colleague@example.nhs.uk").exists()
    assert not Pledge.objects.exists()
    assert not Registration.objects.exists()
    assert not Subscription.objects.filter(email="new.colleague@example.nhs.uk").exists()
