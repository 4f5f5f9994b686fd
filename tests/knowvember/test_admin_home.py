"""The organisers' admin home is a to-do list for the current edition, and every number on it
is the number of rows in the list it links to."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from events.models import Registration
from knowvember.models import OutboundEmail
from pledges.models import Pledge, TeamMember
from tests.community.factories import SubscribedFactory, SubscriptionFactory, UnsubscribedFactory
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import CampaignFactory, UserFactory
from tests.pledges.factories import PledgeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client


def days(n):
    return timezone.now() + datetime.timedelta(days=n)


@pytest.fixture
def campaign_data():
    """Things to do in the current edition, and look-alikes that must not be counted."""
    current = CampaignFactory(name="KNOWvember26", is_current=True)
    older = CampaignFactory(name="KNOWvember25")
    PledgeFactory.create_batch(3, campaign=current, status=Pledge.Status.PENDING)
    PledgeFactory(campaign=older, status=Pledge.Status.PENDING)
    PledgeFactory.create_batch(2, campaign=current, status=Pledge.Status.APPROVED)
    PledgeFactory(
        campaign=current,
        outcome=Pledge.Outcome.DONE,
        aar_actual="Eight came.",
        lessons_status=Pledge.LessonsStatus.PENDING,
    )
    for campaign, lesson_status in [
        (current, "pending"),
        (current, "approved"),
        (older, "pending"),
    ]:
        TeamMember.objects.create(
            pledge=PledgeFactory(campaign=campaign, team_name="Library team"),
            user=UserFactory(),
            status=TeamMember.Status.ACCEPTED,
            lesson="Book the room a month ahead.",
            lesson_status=lesson_status,
        )
    cafe = EventFactory(campaign=current, title="Knowledge café", starts_at=days(3), capacity=2)
    RegistrationFactory.create_batch(2, event=cafe)
    RegistrationFactory(event=cafe, status=Registration.Status.WAITING)
    EventFactory(campaign=current, title="Peer assist", starts_at=days(10), is_published=False)
    EventFactory(campaign=current, starts_at=days(20))  # after the fortnight
    EventFactory(campaign=current, starts_at=days(-20))  # past
    EventFactory(campaign=current, starts_at=days(5), cancelled_at=timezone.now())
    EventFactory(campaign=older, starts_at=days(4))
    SubscribedFactory.create_batch(2, confirmed_at=days(-2))
    SubscribedFactory(confirmed_at=days(-10))
    SubscriptionFactory()  # not confirmed yet
    UnsubscribedFactory(confirmed_at=days(-1))
    for status in [OutboundEmail.Status.FAILED, OutboundEmail.Status.GIVEN_UP, "sent", "queued"]:
        OutboundEmail.objects.create(
            to="reader@example.nhs.uk",
            from_email="knowvember@example.nhs.uk",
            kind="events.confirmed",
            subject="KNOWvember: your place",
            status=status,
            give_up_at=days(1),
        )
    return current


def todo_of(response):
    return {item.text: item for item in response.context["todo"]}


@pytest.mark.parametrize("extra_pending", [0, 2])
def test_admin_home_counts_what_needs_doing_in_the_current_edition(
    organiser_client, campaign_data, extra_pending, django_assert_num_queries
):
    PledgeFactory.create_batch(extra_pending, campaign=campaign_data, status="pending")

    with django_assert_num_queries(10):
        response = organiser_client.get(reverse("admin:index"))

    todo = todo_of(response)
    assert list(todo) == [
        "pledges waiting for a decision",
        "set of lessons learned waiting for a decision",
        "team member’s own lesson waiting for a decision",
        "events in the next 14 days",
        "new subscribers in the last 7 days",
        "emails not sent (failing or given up)",
    ]
    assert todo["pledges waiting for a decision"].count == 3 + extra_pending
    assert todo["set of lessons learned waiting for a decision"].count == 1
    assert todo["team member’s own lesson waiting for a decision"].count == 1
    events = todo["events in the next 14 days"]
    assert events.count == 2
    assert [detail.text.split(",")[0] for detail in events.details] == [
        "Knowledge café",
        "Peer assist",
    ]
    assert events.details[0].text.endswith(": 2/2 · 1 waiting")
    assert events.details[1].text.endswith("(not published)")
    assert todo["new subscribers in the last 7 days"].count == 2
    assert todo["emails not sent (failing or given up)"].count == 2
    page = response.content.decode()
    assert "To do for KNOWvember26" in page
    assert f'<span class="todo-count">{3 + extra_pending}</span> pledges waiting' in page


def test_each_to_do_links_to_a_list_of_exactly_that_many(organiser_client, campaign_data):
    response = organiser_client.get(reverse("admin:index"))

    for item in response.context["todo"]:
        listed = organiser_client.get(item.url)
        assert listed.status_code == 200, item.url
        assert listed.context["cl"].result_count == item.count, item.text


def test_the_to_do_list_leaves_out_what_the_person_cannot_open(client, campaign_data):
    events_only = UserFactory(is_staff=True)
    events_only.user_permissions.add(Permission.objects.get(codename="view_event"))
    client.force_login(events_only)

    response = client.get(reverse("admin:index"))

    assert list(todo_of(response)) == ["events in the next 14 days"]
