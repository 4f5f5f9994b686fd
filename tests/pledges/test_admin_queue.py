"""The moderation queue in the admin: decide from the list or the pledge's page, one press each,
audited, with the next pledge opening after every decision."""

import datetime
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from pledges.models import Pledge
from tests.factories import UserFactory
from tests.mail import delivered_mail
from tests.pledges.factories import PledgeFactory
from tests.pledges.images import png

pytestmark = pytest.mark.django_db

QUEUE = "/admin/pledges/pledge/?status__exact=pending"


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client


def pending(n, **fields):
    """n pending pledges, received one minute apart (the first is the oldest)."""
    start = timezone.now() - datetime.timedelta(hours=1)
    return [
        PledgeFactory(
            status=Pledge.Status.PENDING, created_at=start + datetime.timedelta(minutes=i), **fields
        )
        for i in range(n)
    ]


def change_url(pledge):
    return reverse("admin:pledges_pledge_change", args=[pledge.pk])


@pytest.mark.parametrize("count", [1, 3])
def test_queue_shows_what_a_moderator_needs_oldest_first(
    organiser_client, count, django_assert_num_queries
):
    pledges = pending(count, text="Bring the ward team together. " * 10, show_name=True)
    with_photo = pledges[0]
    with_photo.photo.save("p.jpg", png(), save=False)
    with_photo.photo_thumbnail.save("t.jpg", png(), save=False)
    with_photo.photo_alt, with_photo.show_photo = "Porters around a table", True
    with_photo.save()
    PledgeFactory(title="Already on the wall")

    with django_assert_num_queries(11):
        response = organiser_client.get(QUEUE)

    page = response.content.decode()
    assert list(response.context["cl"].result_list) == pledges
    assert "Already on the wall" not in page
    assert page.count('class="button pledge-approve"') == count
    excerpts = re.findall(r'<td class="field-text_excerpt">(.*?)</td>', page)
    assert len(excerpts) == count
    assert all(e.startswith("Bring the ward team") and e.endswith("…") for e in excerpts)
    assert all(len(e) <= 140 for e in excerpts)
    assert 'alt="Porters around a table"' in page
    assert "Name, photo" in page
    assert pledges[0].activity.name in page and pledges[0].region.name in page


def test_approving_from_the_pledge_page_emails_the_pledger_logs_it_and_opens_the_next(
    organiser_client, organiser
):
    first, second = pending(2)

    page = organiser_client.get(change_url(first)).content.decode()
    response = organiser_client.post(reverse("admin:pledges_pledge_approve", args=[first.pk]))

    assert "Approve and email the pledger" in page
    assert response.status_code == 302
    assert response["Location"] == change_url(second)
    first.refresh_from_db()
    assert first.status == Pledge.Status.APPROVED and first.moderated_by == organiser
    assert [m.to for m in delivered_mail()] == [[first.author.email]]
    entry = LogEntry.objects.get(object_id=str(first.pk))
    assert entry.user == organiser and entry.is_change()
    assert entry.get_change_message() == "Approved; an email to the pledger was queued."


def test_after_the_last_decision_the_queue_opens_saying_it_is_empty(organiser_client):
    [only] = pending(1)

    response = organiser_client.post(
        reverse("admin:pledges_pledge_approve", args=[only.pk]), follow=True
    )

    assert response.redirect_chain[-1][0] == QUEUE
    assert "No more pledges are waiting for a decision." in response.content.decode()


def test_the_next_pledge_is_the_following_one_then_any_skipped(organiser_client):
    first, second, third = pending(3)

    after_second = organiser_client.post(reverse("admin:pledges_pledge_approve", args=[second.pk]))
    after_third = organiser_client.post(reverse("admin:pledges_pledge_approve", args=[third.pk]))

    assert after_second["Location"] == change_url(third)
    assert after_third["Location"] == change_url(first)  # the one skipped earlier


def test_approve_is_a_post_for_organisers_who_may_change_pledges(client, organiser_client):
    [pledge] = pending(1)
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_pledge"))
    url = reverse("admin:pledges_pledge_approve", args=[pledge.pk])

    by_get = organiser_client.get(url)
    client.force_login(viewer)
    by_viewer = client.post(url)
    queue_for_viewer = client.get(QUEUE).content.decode()

    assert by_get.status_code == 405
    assert by_viewer.status_code == 403
    assert "pledge-approve" not in queue_for_viewer
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.PENDING
    assert delivered_mail() == []


def test_approve_needs_the_csrf_token(organiser):
    from django.test import Client

    [pledge] = pending(1)
    client = Client(enforce_csrf_checks=True)
    client.force_login(organiser)

    response = client.post(reverse("admin:pledges_pledge_approve", args=[pledge.pk]))

    assert response.status_code == 403
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.PENDING


def test_reject_page_shows_the_pledge_and_breadcrumbs_and_needs_a_reason(organiser_client):
    [pledge] = pending(1, title="A café with patient names", text="Bring the notes of bed 4.")
    url = reverse("admin:pledges_pledge_reject", args=[pledge.pk])

    page = organiser_client.get(url)
    no_reason = organiser_client.post(url, {"details": ""})
    other_without_words = organiser_client.post(url, {"reason": "other", "details": " "})

    html = page.content.decode()
    crumbs = re.search(r'<ol class="breadcrumbs">(.*?)</ol>', html, re.S)[1]
    assert "Pledges</a>" in crumbs and "A café with patient names</a>" in crumbs
    assert 'aria-current="page">Reject this pledge' in crumbs
    assert "Bring the notes of bed 4." in html.split('id="content-main"')[1]
    assert no_reason.status_code == 400
    assert "Choose a reason" in no_reason.content.decode()
    assert other_without_words.status_code == 400
    assert "Say what the other reason is." in other_without_words.content.decode()
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.PENDING
    assert delivered_mail() == []


def test_rejecting_emails_the_chosen_reason_and_words_logs_it_and_opens_the_next(
    organiser_client,
):
    first, second = pending(2)

    response = organiser_client.post(
        reverse("admin:pledges_pledge_reject", args=[first.pk]),
        {"reason": "identifiable", "details": "Please take out the ward name."},
    )

    assert response["Location"] == change_url(second)
    first.refresh_from_db()
    assert first.status == Pledge.Status.REJECTED
    [email] = delivered_mail()
    assert email.to == [first.author.email]
    assert "It could identify a patient or a colleague." in email.body
    assert "Please take out the ward name." in email.body
    assert (
        LogEntry.objects.get(object_id=str(first.pk))
        .get_change_message()
        .startswith("Rejected: It could identify")
    )


def test_bulk_approve_is_audited_for_each_pledge(organiser_client):
    pledges = pending(2)

    organiser_client.post(
        "/admin/pledges/pledge/",
        {"action": "approve", "_selected_action": [p.pk for p in pledges]},
    )

    assert LogEntry.objects.filter(object_id__in=[str(p.pk) for p in pledges]).count() == 2


def test_the_admin_says_techniques_not_activities(organiser_client):
    page = organiser_client.get(reverse("admin:index")).content.decode()

    assert "Techniques" in page and "Activities" not in page
    assert "Editions" in page and "Sessions" in page
