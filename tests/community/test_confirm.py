import datetime

import pytest
import time_machine
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from community.models import Subscription
from community.tokens import confirm_token, unsubscribe_token
from tests.community.conftest import link_in, path_of
from tests.community.factories import SubscribedFactory, SubscriptionFactory, UnsubscribedFactory
from tests.mail import delivered_mail

pytestmark = pytest.mark.django_db

SIGNUP = reverse("community:signup")
START = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)


def _sign_up(client, signup_data, **overrides):
    client.post(SIGNUP, signup_data(**overrides), REMOTE_ADDR="198.51.100.1")
    return path_of(link_in(delivered_mail()[-1], "confirm"))


def test_full_double_opt_in_records_consent_and_welcomes_the_subscriber(
    client, signup_data, sent_mail
):
    confirm_path = _sign_up(client, signup_data)

    shown = client.get(confirm_path)
    confirmed = client.post(confirm_path, REMOTE_ADDR="198.51.100.2")

    assert "Confirm you want to join" in shown.content.decode()
    assert confirmed.status_code == 200
    assert "You have joined the community" in confirmed.content.decode()
    subscription = Subscription.objects.get()
    assert subscription.status == Subscription.Status.SUBSCRIBED
    assert subscription.signup_ip == "198.51.100.1"
    assert subscription.confirm_ip == "198.51.100.2"
    assert subscription.confirmed_at >= subscription.signed_up_at
    welcome = sent_mail()[-1]
    assert "You have joined" in welcome.body
    assert "/community/unsubscribe/" in welcome.body


def test_confirm_link_opened_by_a_link_scanner_changes_nothing(client, signup_data, sent_mail):
    confirm_path = _sign_up(client, signup_data)
    sent = len(sent_mail())

    response = client.get(confirm_path)
    client.head(confirm_path)

    html = response.content.decode()
    assert response.status_code == 200
    assert ">Confirm</button>" in html
    assert "new.member@example.nhs.uk" in html
    subscription = Subscription.objects.get()
    assert subscription.status == Subscription.Status.PENDING
    assert subscription.confirmed_at is None
    assert len(sent_mail()) == sent


def test_confirming_twice_is_harmless(client, signup_data, sent_mail):
    confirm_path = _sign_up(client, signup_data)
    client.post(confirm_path, REMOTE_ADDR="198.51.100.2")
    first = Subscription.objects.get()
    sent = len(sent_mail())

    again = client.post(confirm_path, REMOTE_ADDR="203.0.113.50")
    opened_again = client.get(confirm_path)

    assert again.status_code == 200
    assert "You have joined the community" in again.content.decode()
    assert "You have joined the community" in opened_again.content.decode()
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at == first.confirmed_at
    assert subscription.confirm_ip == "198.51.100.2"
    assert len(sent_mail()) == sent


def test_confirm_link_still_works_just_before_seven_days(client, signup_data):
    with time_machine.travel(START, tick=False):
        confirm_path = _sign_up(client, signup_data)

    with time_machine.travel(START + datetime.timedelta(days=7, minutes=-1), tick=False):
        response = client.post(confirm_path)

    assert response.status_code == 200
    assert Subscription.objects.get().status == Subscription.Status.SUBSCRIBED


def test_expired_confirm_link_explains_and_sends_a_new_one_on_request(
    client, signup_data, sent_mail
):
    with time_machine.travel(START, tick=False):
        old_path = _sign_up(client, signup_data)

    with time_machine.travel(START + datetime.timedelta(days=7, minutes=1), tick=False):
        shown = client.get(old_path)
        posted = client.post(old_path)
        asked = client.post(
            reverse("community:resend"), {"token": old_path.rstrip("/").rsplit("/", 1)[1]}
        )
        new_path = path_of(link_in(sent_mail()[-1], "confirm"))
        confirmed = client.post(new_path)

    assert shown.status_code == 410
    assert "This link has expired" in shown.content.decode()
    assert "Send me a new link" in shown.content.decode()
    assert posted.status_code == 410
    assert asked.status_code == 302
    assert asked["Location"] == reverse("community:check-email")
    assert new_path != old_path
    assert confirmed.status_code == 200
    assert Subscription.objects.get().status == Subscription.Status.SUBSCRIBED


def test_tampered_confirm_link_is_rejected_with_a_way_to_start_again(client, signup_data):
    confirm_path = _sign_up(client, signup_data)
    token = confirm_path.rstrip("/").rsplit("/", 1)[1]
    forged = signing.dumps({"email": "victim@example.nhs.uk"}, salt="not-our-salt")
    bad_paths = [
        reverse("community:confirm", args=[token[:-2] + ("AA" if token[-2:] != "AA" else "BB")]),
        reverse("community:confirm", args=[forged]),
        reverse("community:confirm", args=["nonsense"]),
    ]

    responses = [client.post(path) for path in bad_paths]

    for response in responses:
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()
        assert reverse("community:signup") in response.content.decode()
    assert Subscription.objects.get().status == Subscription.Status.PENDING


def test_unsubscribe_token_cannot_confirm(client):
    pending = SubscriptionFactory(email="pending@example.nhs.uk")

    response = client.post(reverse("community:confirm", args=[unsubscribe_token(pending)]))

    assert response.status_code == 400
    pending.refresh_from_db()
    assert pending.status == Subscription.Status.PENDING


def test_confirm_token_cannot_unsubscribe(client):
    member = SubscribedFactory(email="member@example.nhs.uk")

    response = client.post(reverse("community:unsubscribe", args=[confirm_token(member)]))

    assert response.status_code == 400
    member.refresh_from_db()
    assert member.status == Subscription.Status.SUBSCRIBED


def test_old_confirm_link_cannot_resubscribe_someone_who_left(client):
    left = UnsubscribedFactory(email="left@example.nhs.uk")

    response = client.post(reverse("community:confirm", args=[confirm_token(left)]))

    assert response.status_code == 404
    left.refresh_from_db()
    assert left.status == Subscription.Status.UNSUBSCRIBED


def test_resend_for_an_address_no_longer_pending_sends_nothing(client, sent_mail):
    member = SubscribedFactory(email="member@example.nhs.uk", confirmed_at=timezone.now())

    response = client.post(reverse("community:resend"), {"token": confirm_token(member)})

    assert response.status_code == 302
    assert sent_mail() == []


def test_a_link_older_than_the_purge_age_cannot_ask_for_a_new_one(client, sent_mail):
    with time_machine.travel(START, tick=False):
        late = SubscriptionFactory(email="very.late@example.nhs.uk")
        token = confirm_token(late)

    with time_machine.travel(START + datetime.timedelta(days=31), tick=False):
        shown = client.get(reverse("community:confirm", args=[token]))
        asked = client.post(reverse("community:resend"), {"token": token})

    assert shown.status_code == 400
    assert asked.status_code == 400
    assert sent_mail() == []


def test_confirm_and_check_email_pages_ask_search_engines_not_to_index_them(client):
    pending = SubscriptionFactory(email="pending@example.nhs.uk")

    confirm_page = client.get(reverse("community:confirm", args=[confirm_token(pending)]))
    check_page = client.get(reverse("community:check-email"))

    assert '<meta name="robots" content="noindex">' in confirm_page.content.decode()
    assert '<meta name="robots" content="noindex">' in check_page.content.decode()


def test_confirm_and_unsubscribe_links_do_not_carry_the_email_address(client, signup_data):
    client.post(SIGNUP, signup_data(email="private.person@example.nhs.uk"))
    message = delivered_mail()[-1]
    links = [link_in(message, "confirm"), link_in(message, "unsubscribe")]

    for link in links:
        token = link.rstrip("/").rsplit("/", 1)[1]
        payload = signing.b64_decode(token.split(":")[0].encode()).decode()
        assert "private.person" not in link
        assert "private.person" not in payload
    assert "private.person" not in message.message()["List-Unsubscribe"]
    assert Subscription.objects.get().email == "private.person@example.nhs.uk"


def test_unsubscribe_link_for_a_purged_sign_up_changes_nothing_and_says_so(client):
    gone = SubscriptionFactory(email="gone@example.nhs.uk")
    token = unsubscribe_token(gone)
    gone.delete()

    response = client.post(reverse("community:unsubscribe", args=[token]))

    assert response.status_code == 200
    assert "We will not email you about the community again" in response.content.decode()
