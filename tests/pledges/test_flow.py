"""The loop the campaign exists for: pledge → approve → do it → review → the next person learns."""

import uuid

import pytest
from django.core.management import call_command
from django.urls import reverse

from pledges.models import Pledge
from tests.factories import CampaignFactory, RegionFactory, UserFactory
from tests.pledges.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def test_full_flow_from_pledge_to_lessons_for_the_next_person(
    client, organiser, time_machine, sent_mail
):
    time_machine.move_to("2026-10-15 10:00 +01:00")
    CampaignFactory(name="KNOWvember26", year=2026, is_current=True)
    region = RegionFactory(slug="london", name="London")
    cafe = ActivityFactory(slug="knowledge-cafe")
    pledger, next_person = UserFactory(), UserFactory()

    # 1. Pledge: pending, not on the wall.
    client.force_login(pledger)
    client.post(
        reverse("pledges:create"),
        {
            "submission_key": str(uuid.uuid4()),
            "activity": cafe.slug,
            "title": "Host a knowledge café for porters",
            "text": "An hour on sharing tips between shifts.",
            "target_month": "2026-11",
            "effort": "small",
            "organisation": "Example NHS Foundation Trust",
            "region": str(region.pk),
            "photo_alt": "",
        },
    )
    pledge = Pledge.objects.get()
    assert pledge.status == Pledge.Status.PENDING
    assert client.get(reverse("pledges:wall")).context["totals"]["pledges"] == 0

    # 2. An organiser approves: on the wall, pledger emailed.
    client.force_login(organiser)
    client.post("/admin/pledges/pledge/", {"action": "approve", "_selected_action": [pledge.pk]})
    assert (
        "Host a knowledge café for porters" in client.get(reverse("pledges:wall")).content.decode()
    )
    assert sent_mail()[-1].to == [pledger.email]

    # 3. After November, the follow-up email and the dashboard prompt.
    time_machine.move_to("2026-12-01 09:00 +00:00")
    call_command("send_pledge_follow_ups", stdout=None)
    assert "did your pledge happen?" in sent_mail()[-1].subject
    client.force_login(pledger)
    assert "Did it happen?" in client.get(reverse("accounts:dashboard")).content.decode()

    # 4. The After Action Review.
    client.post(
        reverse("pledges:follow-up", args=[pledge.pk]),
        {
            "outcome": "done",
            "aar_planned": "Ten porters would come.",
            "aar_actual": "Twelve came.",
            "aar_difference": "The canteen offered free tea.",
            "aar_next": "Partner with the canteen again.",
        },
    )

    # 5. Lessons approved: on the pledge page and in Learn before you start.
    client.force_login(organiser)
    client.post(
        "/admin/pledges/pledge/", {"action": "approve_lessons", "_selected_action": [pledge.pk]}
    )
    assert (
        "Partner with the canteen again." in client.get(pledge.get_absolute_url()).content.decode()
    )
    client.force_login(next_person)
    form_page = client.get(reverse("pledges:create"), {"activity": cafe.slug}).content.decode()
    assert "Learn before you start" in form_page
    assert "The canteen offered free tea." in form_page
