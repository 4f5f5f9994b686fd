"""The weekly lessons digest: opt-in, one per ISO week, the right lessons, stopping it alone."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from community.models import ConsentEvent, ConsentWording, Digest, Subscription
from community.services import digest_send
from pledges.models import Pledge, TeamMember
from tests.community.conftest import link_in, path_of
from tests.community.factories import SubscribedFactory, SubscriptionFactory
from tests.factories import UserFactory
from tests.html import text_of
from tests.mail import delivered_mail
from tests.pledges.factories import ActivityFactory, CompletedPledgeFactory

pytestmark = pytest.mark.django_db

WEEK = datetime.date(2026, 11, 16)  # Monday of ISO week 47
IN_WEEK = datetime.datetime(2026, 11, 18, 14, 0, tzinfo=datetime.UTC)
WEEK_BEFORE = datetime.datetime(2026, 11, 13, 9, 0, tzinfo=datetime.UTC)


def reader(**kwargs):
    wording = ConsentWording.objects.current(ConsentWording.Kind.DIGEST)
    return SubscribedFactory(digest_joined_at=IN_WEEK, digest_consent_wording=wording, **kwargs)


def lesson(title, **kwargs):
    kwargs.setdefault("lessons_moderated_at", IN_WEEK)
    return CompletedPledgeFactory(title=title, **kwargs)


def send(week="2026-W47"):
    out = io.StringIO()
    call_command("send_lessons_digest", week=week, stdout=out)
    return out.getvalue()


def digests():
    return [m for m in delivered_mail() if "weekly lessons digest" in m.subject]


def test_only_opted_in_confirmed_subscribers_get_the_weeks_approved_lessons():
    reader(email="reader@example.nhs.uk")
    SubscribedFactory(email="list-only@example.nhs.uk")
    SubscriptionFactory(email="pending@example.nhs.uk")  # not confirmed
    reader(
        email="left@example.nhs.uk",
        status=Subscription.Status.UNSUBSCRIBED,
        unsubscribed_at=IN_WEEK,
    )
    cafe = ActivityFactory(name="Knowledge café", slug="knowledge-cafe")
    lesson(
        "Knowledge café for the discharge team",
        activity=cafe,
        aar_actual="Nine came; the ward sister brought two questions we had not expected.",
        aar_next="Send the questions out a week before.",
    )
    lesson("Last week's retrospect", lessons_moderated_at=WEEK_BEFORE)
    lesson("Still being checked", lessons_status=Pledge.LessonsStatus.PENDING)
    lesson("Withdrawn since", status=Pledge.Status.WITHDRAWN)

    output = send()

    [message] = digests()
    assert message.to == ["reader@example.nhs.uk"]
    assert "Knowledge café for the discharge team" in message.body
    assert "Technique: Knowledge café" in message.body
    assert "Nine came; the ward sister brought two questions" in message.body
    assert "Send the questions out a week before." in message.body
    pledge = Pledge.objects.get(title="Knowledge café for the discharge team")
    assert pledge.get_absolute_url() in message.body
    for other in ("Last week's retrospect", "Still being checked", "Withdrawn since"):
        assert other not in message.body
    assert "1 lesson queued to 1 subscriber." in output


def test_a_week_is_sent_once_however_often_the_command_runs():
    reader()
    lesson("Peer assist before the audit")

    send()
    again = send()
    digest_send(week=WEEK)

    assert len(digests()) == 1
    assert Digest.objects.count() == 1
    assert "already done" in again


def test_a_week_without_new_lessons_sends_nothing_and_is_not_in_the_archive(client):
    reader()
    lesson("Last week's retrospect", lessons_moderated_at=WEEK_BEFORE)

    output = send()

    assert digests() == []
    assert "no new lessons" in output
    assert Digest.objects.get().lesson_count == 0
    assert "There are no digests yet" in text_of(client.get(reverse("community:digests")))


def test_one_click_stops_the_digest_and_keeps_the_list_subscription(settings):
    settings.SITE_URL = "https://knowvember.example.nhs.uk"
    member = reader(email="member@example.nhs.uk")
    lesson("After action review of the induction day")
    send()
    [message] = digests()
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    mail_client = Client(enforce_csrf_checks=True)

    response = mail_client.post(
        path_of(link),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert "/community/digest/stop/" in link
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link_in(message, "unsubscribe")  # the list's own link is there too
    assert response.status_code == 200
    assert "You are still on the community of practice mailing list" in text_of(response)
    member.refresh_from_db()
    assert member.status == Subscription.Status.SUBSCRIBED
    assert member.digest_joined_at is None
    assert member.consent_events.filter(kind=ConsentEvent.Kind.DIGEST_LEFT).exists()
    lesson("Next week's lesson", lessons_moderated_at=IN_WEEK + datetime.timedelta(days=7))
    send("2026-W48")
    assert len(digests()) == 1


def test_joining_with_the_sign_up_form_records_the_digest_wording(client, signup_data):
    digest_wording = ConsentWording.objects.current(ConsentWording.Kind.DIGEST)

    client.post(
        reverse("community:signup"),
        signup_data(digest="on", digest_version=str(digest_wording.version)),
    )
    subscription = Subscription.objects.get()
    assert subscription.digest_joined_at is None  # not until they confirm
    client.post(path_of(link_in(delivered_mail()[-1], "confirm")))

    subscription.refresh_from_db()
    assert subscription.digest_joined_at is not None
    assert subscription.digest_consent_wording == digest_wording
    joined = subscription.consent_events.get(kind=ConsentEvent.Kind.DIGEST_JOINED)
    assert joined.consent_wording == digest_wording


def test_a_signed_in_subscriber_opts_in_to_the_wording_on_the_page(client, user):
    member = SubscribedFactory(email=user.email, user=user)
    digest_wording = ConsentWording.objects.current(ConsentWording.Kind.DIGEST)
    client.force_login(user)

    page = text_of(client.get(reverse("community:signup")))
    stale = client.post(reverse("community:digest-join"), {"digest_version": "999"})
    member.refresh_from_db()
    assert member.digest_joined_at is None
    joined = client.post(
        reverse("community:digest-join"), {"digest_version": str(digest_wording.version)}
    )

    assert digest_wording.text in page
    assert stale.status_code == joined.status_code == 302
    member.refresh_from_db()
    assert member.digest_joined_at is not None
    assert "You will get the weekly lessons digest" in text_of(client.get(joined["Location"]))


@pytest.mark.parametrize("count", [1, 3])
def test_archive_lists_sent_digests_with_a_fixed_query_count(
    client, count, django_assert_num_queries
):
    for weeks in range(count):
        Digest.objects.create(week=WEEK - datetime.timedelta(weeks=weeks), lesson_count=2)
    Digest.objects.create(week=WEEK + datetime.timedelta(weeks=1))  # skipped: no lessons

    with django_assert_num_queries(1):
        response = client.get(reverse("community:digests"))

    page = text_of(response)
    assert page.count("Lessons learned, week") == count
    assert "Lessons learned, week 47 of 2026" in page


def test_a_digest_page_shows_its_weeks_lessons_and_is_in_the_sitemap(client):
    lesson("Journal club on falls prevention", aar_next="Pick a shorter paper.")
    digest_send(week=WEEK)

    page = client.get("/community/digests/2026-w47/")
    missing = client.get("/community/digests/2026-w99/")
    sitemap = client.get("/sitemap.xml").content.decode()

    assert page.status_code == 200
    assert "Journal club on falls prevention" in text_of(page)
    assert "Pick a shorter paper." in text_of(page)
    assert missing.status_code == 404
    assert "/community/digests/2026-w47/" in sitemap
    assert "/community/digests/</loc>" in sitemap


def test_run_weekly_without_a_week_it_sends_last_weeks_digest():
    import time_machine

    reader()
    lesson("Fishbowl on winter pressures")

    with time_machine.travel(datetime.datetime(2026, 11, 23, 7, 0, tzinfo=datetime.UTC)):
        output = io.StringIO()
        call_command("send_lessons_digest", stdout=output)

    assert Digest.objects.get().week == WEEK
    assert "Lessons learned, week 47 of 2026" in output.getvalue()
    assert "Fishbowl on winter pressures" in digests()[0].body


def test_a_team_members_own_approved_lesson_is_in_the_digest_and_the_archive(client):
    reader(email="reader@example.nhs.uk")
    pledge = CompletedPledgeFactory(
        title="Journal club for the library assistants",
        team_name="Library team, a mental health trust",
        lessons_moderated_at=WEEK_BEFORE,
    )
    member_fields = {"pledge": pledge, "status": TeamMember.Status.ACCEPTED}
    TeamMember.objects.create(
        user=UserFactory(),
        lesson="Choosing the paper together made the assistants lead the discussion.",
        lesson_status=TeamMember.LessonStatus.APPROVED,
        lesson_moderated_at=IN_WEEK,
        **member_fields,
    )
    TeamMember.objects.create(
        user=UserFactory(),
        lesson="Not checked by an organiser yet.",
        lesson_status=TeamMember.LessonStatus.PENDING,
        **member_fields,
    )

    send()

    [message] = digests()
    assert "Journal club for the library assistants: a team member’s lesson" in message.body
    assert "What they learned:\nChoosing the paper together" in message.body
    assert "Not checked by an organiser yet." not in message.body
    archive = client.get(Digest.objects.get().get_absolute_url())
    assert "Choosing the paper together made the assistants lead" in text_of(archive)
