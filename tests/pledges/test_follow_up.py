import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from pledges.dashboard import dashboard_panel
from pledges.models import Pledge
from tests.pledges.factories import PledgeFactory

pytestmark = pytest.mark.django_db

AAR = {
    "aar_planned": "Ten people at a knowledge café.",
    "aar_actual": "Six came and agreed two actions.",
    "aar_difference": "It clashed with a ward handover.",
    "aar_next": "Avoid handover times.",
}


def test_follow_up_email_is_sent_once_after_the_target_month(time_machine, sent_mail):
    due = PledgeFactory(target_month=datetime.date(2026, 10, 1))
    PledgeFactory(target_month=datetime.date(2026, 11, 1))  # month not over yet
    PledgeFactory(target_month=datetime.date(2026, 9, 1), status=Pledge.Status.PENDING)
    PledgeFactory(target_month=datetime.date(2026, 9, 1), outcome=Pledge.Outcome.DONE)
    time_machine.move_to("2026-11-02 09:00 +00:00")

    call_command("send_pledge_follow_ups", stdout=None)
    call_command("send_pledge_follow_ups", stdout=None)

    assert [m.to for m in sent_mail()] == [[due.author.email]]
    assert reverse("pledges:follow-up", args=[due.pk]) in sent_mail()[0].body
    due.refresh_from_db()
    assert due.follow_up_emailed_at is not None


def test_dashboard_asks_did_it_happen_after_the_month(client, time_machine):
    pledge = PledgeFactory(target_month=datetime.date(2026, 10, 1), title="Café pledge")
    later = PledgeFactory(author=pledge.author, target_month=datetime.date(2026, 12, 1))
    time_machine.move_to("2026-11-02 09:00 +00:00")
    client.force_login(pledge.author)

    page = client.get(reverse("accounts:dashboard")).content.decode()

    assert "Did it happen?" in page
    assert page.count(reverse("pledges:follow-up", args=[pledge.pk])) == 2
    assert later.title in page


def test_dashboard_panel_query_count_is_fixed(rf, django_assert_num_queries):
    pledge = PledgeFactory()
    PledgeFactory.create_batch(3, author=pledge.author)
    request = rf.get("/my/")
    request.user = pledge.author

    # their pledges; the team pledges they have joined
    with django_assert_num_queries(2):
        panel = dashboard_panel(request)

    assert pledge.title in panel


def test_follow_up_done_needs_an_after_action_review(client):
    pledge = PledgeFactory()
    client.force_login(pledge.author)

    response = client.post(reverse("pledges:follow-up", args=[pledge.pk]), {"outcome": "done"})

    assert response.status_code == 400
    assert "What actually happened?" in response.content.decode()


def test_follow_up_postponed_needs_no_review(client):
    pledge = PledgeFactory()
    client.force_login(pledge.author)

    client.post(reverse("pledges:follow-up", args=[pledge.pk]), {"outcome": "postponed"})

    pledge.refresh_from_db()
    assert pledge.outcome == "postponed"
    assert pledge.lessons_status == ""


def test_follow_up_lessons_wait_for_moderation_then_appear(client, organiser):
    pledge = PledgeFactory()
    client.force_login(pledge.author)

    client.post(reverse("pledges:follow-up", args=[pledge.pk]), {"outcome": "partly", **AAR})
    pledge.refresh_from_db()
    before = client.get(pledge.get_absolute_url()).content.decode()
    client.force_login(organiser)
    client.post(
        "/admin/pledges/pledge/", {"action": "approve_lessons", "_selected_action": [pledge.pk]}
    )
    after = client.get(pledge.get_absolute_url()).content.decode()

    assert pledge.lessons_status == Pledge.LessonsStatus.PENDING
    assert AAR["aar_difference"] not in before
    assert AAR["aar_difference"] in after


def test_follow_up_edit_of_approved_lessons_goes_back_to_moderation(client):
    pledge = PledgeFactory(outcome="done", lessons_status="approved", **AAR)
    client.force_login(pledge.author)

    client.post(
        reverse("pledges:follow-up", args=[pledge.pk]),
        {"outcome": "done", **AAR, "aar_next": "Something new"},
    )

    pledge.refresh_from_db()
    assert pledge.lessons_status == Pledge.LessonsStatus.PENDING


def test_lessons_rejected_with_a_reason_are_emailed(client, organiser, sent_mail):
    pledge = PledgeFactory(outcome="done", lessons_status="pending", **AAR)
    client.force_login(organiser)

    client.post(
        "/admin/pledges/pledge/",
        {
            "action": "reject_lessons",
            "_selected_action": [pledge.pk],
            "apply": "1",
            "reason": "other",
            "details": "Please remove the colleague's name.",
        },
    )

    pledge.refresh_from_db()
    assert pledge.lessons_status == Pledge.LessonsStatus.REJECTED
    assert "Please remove the colleague's name." in sent_mail()[0].body


def test_follow_up_is_only_for_the_pledger_and_approved_pledges(client):
    pending = PledgeFactory(status=Pledge.Status.PENDING)
    other = PledgeFactory()
    client.force_login(pending.author)

    assert client.get(reverse("pledges:follow-up", args=[pending.pk])).status_code == 404
    assert client.get(reverse("pledges:follow-up", args=[other.pk])).status_code == 404
