"""Consent history is append-only: every sign-up, confirmation and unsubscription is its own row,
and only the address's owner, by confirming, changes what the list holds about them."""

import pytest
from django.urls import reverse

from community.models import ConsentEvent, ConsentWording, Subscription
from community.privacy import export_user_data
from tests.community.conftest import link_in, path_of
from tests.community.factories import SubscribedFactory, UnsubscribedFactory

pytestmark = pytest.mark.django_db

SIGNUP = reverse("community:signup")
Kind = ConsentEvent.Kind


def history(email):
    return list(
        ConsentEvent.objects.filter(subscription__email=email)
        .order_by("at", "pk")
        .values_list("kind", "ip", "consent_wording__version")
    )


def test_a_stranger_cannot_rewrite_the_record_of_someone_who_left(client, signup_data):
    left = UnsubscribedFactory(
        email="left@example.nhs.uk", name="Original Name", organisation="Original Trust"
    )
    left_at = left.unsubscribed_at

    response = client.post(
        SIGNUP,
        signup_data(email="left@example.nhs.uk", name="Mallory", organisation="Elsewhere"),
        REMOTE_ADDR="203.0.113.66",
    )

    assert response.status_code == 302
    left.refresh_from_db()
    assert left.status == Subscription.Status.UNSUBSCRIBED
    assert (left.name, left.organisation) == ("Original Name", "Original Trust")
    assert left.unsubscribed_at == left_at
    request = ConsentEvent.objects.get(subscription=left)
    assert (request.kind, request.ip, request.name) == (Kind.SIGNED_UP, "203.0.113.66", "Mallory")


def test_a_stranger_cannot_rewrite_a_subscriber_s_record(client, signup_data):
    member = SubscribedFactory(email="member@example.nhs.uk", name="Original Name")

    client.post(SIGNUP, signup_data(email="member@example.nhs.uk", name="Mallory"))

    member.refresh_from_db()
    assert (member.status, member.name) == (Subscription.Status.SUBSCRIBED, "Original Name")
    assert history(member.email) == [(Kind.SIGNED_UP, "127.0.0.1", member.consent_wording.version)]


def test_every_step_is_its_own_event_with_time_address_and_wording(client, signup_data, outbox):
    email = "journey@example.nhs.uk"
    client.post(SIGNUP, signup_data(email=email), REMOTE_ADDR="192.0.2.1")
    client.post(path_of(link_in(outbox[-1], "confirm")), REMOTE_ADDR="192.0.2.2")
    client.post(path_of(link_in(outbox[-1], "unsubscribe")), REMOTE_ADDR="192.0.2.3")
    newer = ConsentWording.objects.create(version=2, text="The second wording.")
    client.post(
        SIGNUP,
        signup_data(email=email, name="New Name", consent_version="2"),
        REMOTE_ADDR="192.0.2.4",
    )

    # The request to rejoin changes nothing until the owner of the address confirms it.
    assert Subscription.objects.get().status == Subscription.Status.UNSUBSCRIBED
    client.post(path_of(link_in(outbox[-1], "confirm")), REMOTE_ADDR="192.0.2.5")

    assert history(email) == [
        (Kind.SIGNED_UP, "192.0.2.1", 1),
        (Kind.CONFIRMED, "192.0.2.2", 1),
        (Kind.UNSUBSCRIBED, "192.0.2.3", 1),
        (Kind.SIGNED_UP, "192.0.2.4", 2),
        (Kind.CONFIRMED, "192.0.2.5", 2),
    ]
    rejoined = Subscription.objects.get()
    assert rejoined.status == Subscription.Status.SUBSCRIBED
    assert (rejoined.name, rejoined.consent_wording, rejoined.signup_ip) == (
        "New Name",
        newer,
        "192.0.2.4",
    )
    assert rejoined.unsubscribed_at is None


def test_the_confirm_page_shows_the_details_being_confirmed(client, signup_data, outbox):
    UnsubscribedFactory(email="back@example.nhs.uk", name="Old Name")
    client.post(SIGNUP, signup_data(email="back@example.nhs.uk", name="Returning Name"))

    page = client.get(path_of(link_in(outbox[-1], "confirm"))).content.decode()

    assert "Returning Name" in page
    assert "Old Name" not in page


def test_consent_events_are_never_changed():
    event = ConsentEvent.objects.create(
        subscription=SubscribedFactory(),
        kind=Kind.CONFIRMED,
        consent_wording=ConsentWording.objects.current(),
    )
    event.ip = "192.0.2.9"

    with pytest.raises(ValueError, match="never changed"):
        event.save()


def test_the_personal_data_export_holds_the_consent_history(client, user, signup_data, outbox):
    client.post(SIGNUP, signup_data(email=user.email), REMOTE_ADDR="192.0.2.1")
    client.post(path_of(link_in(outbox[-1], "confirm")), REMOTE_ADDR="192.0.2.2")

    [subscription] = export_user_data(user)["subscriptions"]

    assert [(e["event"], e["ip"]) for e in subscription["consent_history"]] == [
        ("Asked to join", "192.0.2.1"),
        ("Confirmed", "192.0.2.2"),
    ]
    assert subscription["consent_history"][0]["name"] == "C. Member"


def test_organisers_see_the_history_and_cannot_change_it(client, organiser, signup_data):
    client.post(SIGNUP, signup_data(email="seen@example.nhs.uk"), REMOTE_ADDR="192.0.2.7")
    client.force_login(organiser)
    subscription = Subscription.objects.get()

    page = client.get(reverse("admin:community_subscription_change", args=[subscription.pk]))

    html = page.content.decode()
    assert "Consent history" in html
    assert "192.0.2.7" in html
    assert 'name="consent_events-0-ip"' not in html
