"""Admin pages at an organiser's 1,280 px screen: the event list fits without scrolling sideways,
the session form fits a few screens, and the attendance list prints as a sign-in sheet."""

import datetime

import pytest
from django.utils import timezone

from events.models import Registration
from pledges.models import Pledge
from tests.browser.conftest import sign_in
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import PASSWORD, OrganiserFactory, RegionFactory, UserFactory
from tests.pledges.factories import PledgeFactory
from tests.showcases.factories import (
    PackLinkFactory,
    RecordingFactory,
    SessionSpeakerFactory,
    ShowcaseFactory,
    TakeawayFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

SCREEN = {"width": 1280, "height": 800}


def scrolls_sideways_by(page) -> int:
    """How far the page, or the admin list's own box, scrolls sideways (0: it fits)."""
    return page.evaluate(
        """() => Math.max(
            document.documentElement.scrollWidth - document.documentElement.clientWidth,
            ...[...document.querySelectorAll('#changelist .results')]
                .map(box => box.scrollWidth - box.clientWidth))"""
    )


@pytest.fixture
def organiser(page):
    page.set_viewport_size(SCREEN)
    organiser = OrganiserFactory()
    sign_in(page, organiser, PASSWORD)
    return organiser


def test_event_list_fits_1280px_upcoming_first(page, axe, organiser):
    now = timezone.now()
    for i in range(6):
        event = EventFactory(
            title=f"Knowledge mobilisation masterclass for library teams, part {i + 1}",
            starts_at=now + datetime.timedelta(days=i + 1),
            region=RegionFactory(slug=f"region-{i}", name=f"North East and Yorkshire {i}"),
            capacity=30,
        )
        RegistrationFactory.create_batch(2, event=event)
        RegistrationFactory(event=event, status=Registration.Status.WAITING)
    EventFactory(title="Long past", starts_at=now - datetime.timedelta(days=900))

    page.goto("/admin/events/event/")

    headers = page.locator("#result_list thead th").all_text_contents()
    assert [h.strip() for h in headers[1:]] == [
        "Title",
        "When",
        "Format",
        "Places",
        "Bookings open",
        "Published",
    ]
    assert scrolls_sideways_by(page) <= 0
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 6 and "Long past" not in page.locator("#result_list").inner_text()
    assert "2/30 · 1 waiting" in rows.first.inner_text()
    axe(page)


def test_moderation_queue_fits_1280px(page, axe, organiser):
    for i in range(5):
        PledgeFactory(
            status=Pledge.Status.PENDING,
            title=f"Run a knowledge café for the discharge team, number {i}",
            text="Bring the ward team together for a conversation about discharge. " * 12,
            show_name=True,
            show_organisation=True,
        )

    page.goto("/admin/pledges/pledge/?status__exact=pending")

    assert page.locator("#result_list tbody tr").count() == 5
    assert scrolls_sideways_by(page) <= 0


def test_session_form_fits_a_few_screens(page, axe, organiser):
    showcase = ShowcaseFactory()
    for _ in range(4):
        SessionSpeakerFactory(showcase=showcase)
    RecordingFactory(showcase=showcase, transcript="We talked about peer assists. " * 2000)
    for _ in range(5):
        PackLinkFactory(showcase=showcase)
    TakeawayFactory.create_batch(3, showcase=showcase)

    page.goto(f"/admin/showcases/showcase/{showcase.pk}/change/")

    height = page.evaluate("() => document.documentElement.scrollHeight")
    assert height <= 3 * SCREEN["height"], f"The form is {height} px long"
    for heading in ["Speakers", "Transcript", "Delegate pack", "“Try this” takeaways"]:
        assert page.locator("summary:visible", has_text=heading).count() == 1, heading
    page.locator("summary:visible", has_text="Transcript").click()
    assert page.locator("#id_recording-0-transcript").is_visible()


def test_attendance_list_prints_as_a_sign_in_sheet(page, axe, organiser):
    event = EventFactory(title="Knowledge café")
    for name in ["Ada Lovelace", "Bo Diddley"]:
        RegistrationFactory(event=event, user=UserFactory(name=name, organisation="Leeds NHS"))

    page.goto(f"/admin/events/event/{event.pk}/change/")
    page.get_by_role("link", name="Print attendance list").click()
    page.wait_for_url(f"**/admin/events/event/{event.pk}/attendance/")
    axe(page)
    assert page.get_by_role("button", name="Print").is_visible()

    page.emulate_media(media="print")
    assert not page.locator("#header").is_visible()
    assert not page.locator("ol.breadcrumbs").is_visible()
    assert not page.get_by_role("button", name="Print").is_visible()
    table = page.locator("table.attendance")
    assert table.is_visible()
    assert "Ada Lovelace" in table.inner_text() and "Leeds NHS" in table.inner_text()
    assert table.locator("th", has_text="Signature").is_visible()
