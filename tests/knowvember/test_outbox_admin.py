"""What organisers see of the outbox, and what pages promise about email."""

import pytest
from django.contrib import admin
from django.urls import reverse

from knowvember import outbox
from knowvember.emails import queue_email
from knowvember.models import OutboundEmail, SuppressedAddress
from pledges.models import Pledge
from tests.events.factories import EventFactory
from tests.pledges.factories import PledgeFactory

pytestmark = pytest.mark.django_db

Status = OutboundEmail.Status
CHANGELIST = reverse("admin:knowvember_outboundemail_changelist")


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client


def _queue(to="someone@example.nhs.uk", **fields):
    email = queue_email(
        to=to,
        subject="your pledge is on the wall",
        template="pledges/email/approved.txt",
        context={"pledge": None},
    )
    if fields:
        OutboundEmail.objects.filter(pk=email.pk).update(**fields)
        email.refresh_from_db()
    return email


@pytest.mark.parametrize("count", [1, 3])
def test_outbox_list_filters_by_status_and_kind_in_fixed_queries(
    organiser_client, count, django_assert_max_num_queries
):
    for n in range(count):
        _queue(to=f"failing{n}@example.nhs.uk", status=Status.FAILED, last_error="refused")
    _queue(to="sent@example.nhs.uk", status=Status.SENT)

    with django_assert_max_num_queries(11):
        response = organiser_client.get(
            CHANGELIST, {"status__exact": "failed", "kind": "pledges.approved"}
        )

    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["cl"].result_count == count
    assert "sent@example.nhs.uk" not in page
    assert "Failed, will try again" in page


def test_send_again_queues_given_up_mail_and_the_worker_sends_it(organiser_client, sent_mail):
    given_up = _queue(status=Status.GIVEN_UP, attempts=7, next_attempt_at=None)
    assert outbox.failed_count() == 1

    response = organiser_client.post(
        CHANGELIST, {"action": "send_again", "_selected_action": [given_up.pk]}, follow=True
    )

    assert "1 email(s) queued to be sent again." in response.content.decode()
    assert [m.to for m in sent_mail()] == [["someone@example.nhs.uk"]]
    given_up.refresh_from_db()
    assert given_up.status == Status.SENT
    assert outbox.failed_count() == 0


def test_every_outbox_admin_action_declares_its_permissions():
    for model in (OutboundEmail, SuppressedAddress):
        for action in admin.site._registry[model]._get_base_actions():
            assert getattr(action.func, "allowed_permissions", None), action.name


def test_mail_with_a_sign_in_code_is_hidden_from_organisers_and_erased_once_sent(
    client, user, organiser, sent_mail
):
    client.post(reverse("account_request_login_code"), {"email": user.email})
    code_email = OutboundEmail.objects.get()
    assert code_email.contains_secret

    sent_mail()
    client.force_login(organiser)
    page = client.get(reverse("admin:knowvember_outboundemail_change", args=[code_email.pk]))

    code_email.refresh_from_db()
    assert code_email.status == Status.SENT
    assert "Hidden: it holds a sign-in link or code." in page.content.decode()
    assert code_email.body.startswith("(Erased once sent")


def test_booking_page_says_we_will_email_until_the_email_has_gone(user_client, sent_mail):
    event = EventFactory()

    booked = user_client.post(reverse("events:book", args=[event.slug]), follow=True)
    page = booked.content.decode()
    assert "We will email you the details." in page
    assert "We will email your booking to" in page
    assert "We emailed" not in page

    sent_mail()
    later = user_client.get(event.get_absolute_url()).content.decode()
    assert "We emailed your booking to" in later


def test_approving_pledges_says_how_many_emails_were_queued(organiser_client):
    pledges = PledgeFactory.create_batch(2, status=Pledge.Status.PENDING)

    response = organiser_client.post(
        "/admin/pledges/pledge/",
        {"action": "approve", "_selected_action": [p.pk for p in pledges]},
        follow=True,
    )

    assert "Approved 2 pledge(s); 2 email(s) queued, one to each pledger." in (
        response.content.decode()
    )
    assert OutboundEmail.objects.filter(status=Status.QUEUED).count() == 2
