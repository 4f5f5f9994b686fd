"""Organisers in the admin, with the keyboard only: the to-do list, then the moderation queue."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from pledges.models import Pledge
from tests.browser.conftest import sign_in, tab_to
from tests.factories import PASSWORD, CampaignFactory, OrganiserFactory
from tests.pledges.factories import PledgeFactory

pytestmark = pytest.mark.django_db(transaction=True)

LIMIT = 150  # the admin's sidebar lists every model before the page's own content


def press(page, selector):
    tab_to(page, selector, limit=LIMIT)
    page.keyboard.press("Enter")


@pytest.fixture
def organiser(page):
    organiser = OrganiserFactory()
    sign_in(page, organiser, PASSWORD)
    return organiser


def queue_of(campaign, n):
    start = timezone.now() - datetime.timedelta(hours=1)
    return [
        PledgeFactory(
            campaign=campaign,
            status=Pledge.Status.PENDING,
            title=f"Pledge number {i + 1}",
            created_at=start + datetime.timedelta(minutes=i),
        )
        for i in range(n)
    ]


def test_organiser_approves_three_pledges_in_a_row_with_the_keyboard(page, axe, organiser):
    campaign = CampaignFactory(name="KNOWvember26", is_current=True)
    first, second, third = queue_of(campaign, 3)

    page.goto("/admin/")
    axe(page)
    press(page, "a[href^='/admin/pledges/pledge/?status__exact=pending']")
    page.wait_for_url("**/admin/pledges/pledge/?*status__exact=pending*")
    assert page.locator("#result_list tbody tr").count() == 3
    axe(page)

    # One press of Enter on the first row's Approve: approved, and the next pledge opens.
    tab_to(page, "#result_list tbody tr:first-child .pledge-approve", limit=LIMIT)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/admin/pledges/pledge/{second.pk}/change/")
    assert "Approved “Pledge number 1”" in page.locator(".messagelist").inner_text()
    axe(page)

    for following in [f"{third.pk}/change/", "?status__exact=pending"]:
        tab_to(page, "#moderation-approve", limit=LIMIT)
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/admin/pledges/pledge/{following}")

    assert "No more pledges are waiting" in page.locator(".messagelist").inner_text()
    statuses = set(Pledge.objects.values_list("status", flat=True))
    assert statuses == {Pledge.Status.APPROVED}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        p.author.email for p in (first, second, third)
    )
    assert all("is on the wall" in m.subject for m in mail.outbox)


def test_rejecting_a_pledge_needs_a_reason(page, axe, organiser):
    campaign = CampaignFactory(is_current=True)
    [pledge] = queue_of(campaign, 1)
    page.goto(f"/admin/pledges/pledge/{pledge.pk}/change/")

    press(page, "#moderation-reject")
    page.wait_for_url(f"**/admin/pledges/pledge/{pledge.pk}/reject/")
    assert "Pledge number 1" in page.locator("ol.breadcrumbs").inner_text()
    assert "Pledge number 1" in page.locator("#content-main").inner_text()
    axe(page)

    press(page, "#content-main input[type=submit]")
    # The form posts to its own address: wait for the answer, not for a page already loaded.
    expect(page.locator("#content-main")).to_contain_text("Choose a reason")
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.PENDING
    assert mail.outbox == []

    tab_to(page, "#id_reason_0", limit=LIMIT)
    page.keyboard.press("Space")
    tab_to(page, "#id_details", limit=LIMIT)
    page.keyboard.type("Please take out the ward name.")
    press(page, "#content-main input[type=submit]")
    page.wait_for_url("**/admin/pledges/pledge/?status__exact=pending")

    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.REJECTED
    [email] = mail.outbox
    assert "It could identify a patient or a colleague." in email.body
    assert "Please take out the ward name." in email.body
