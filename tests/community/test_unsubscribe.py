import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from community.models import Subscription
from community.tokens import UNSUBSCRIBE_SALT, unsubscribe_token
from tests.community.conftest import link_in, path_of
from tests.community.factories import SubscribedFactory, SubscriptionFactory
from tests.mail import delivered_mail

pytestmark = pytest.mark.django_db

SIGNUP = reverse("community:signup")
SITE = "https://knowvember.example.nhs.uk"


@pytest.fixture(autouse=True)
def _https_site(settings):
    settings.SITE_URL = SITE


def _emails_of_every_kind(client, signup_data):
    client.post(SIGNUP, signup_data(email="kinds@example.nhs.uk"))  # confirm
    client.post(path_of(link_in(delivered_mail()[-1], "confirm")))  # welcome
    client.post(SIGNUP, signup_data(email="kinds@example.nhs.uk"))  # already subscribed
    return delivered_mail()


def test_every_email_to_a_subscriber_has_an_unsubscribe_link_and_one_click_headers(
    client, signup_data
):
    emails = _emails_of_every_kind(client, signup_data)

    assert len(emails) == 3
    for message in emails:
        link = link_in(message, "unsubscribe")
        assert link.startswith(f"{SITE}/community/unsubscribe/")
        assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        sent = message.message()
        assert sent["List-Unsubscribe"] == f"<{link}>"
        assert sent["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_one_click_post_from_a_mail_client_unsubscribes_at_once():
    member = SubscribedFactory(email="member@example.nhs.uk")
    mail_client = Client(enforce_csrf_checks=True)  # mail clients send no cookie or token
    url = reverse("community:unsubscribe", args=[unsubscribe_token(member)])

    response = mail_client.post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 200
    member.refresh_from_db()
    assert member.status == Subscription.Status.UNSUBSCRIBED
    assert member.unsubscribed_at is not None


def test_unsubscribe_link_asks_for_a_button_press_and_changes_nothing(client):
    member = SubscribedFactory(email="member@example.nhs.uk")
    url = reverse("community:unsubscribe", args=[unsubscribe_token(member)])

    response = client.get(url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "member@example.nhs.uk" in html
    assert ">Leave the mailing list</button>" in html
    member.refresh_from_db()
    assert member.status == Subscription.Status.SUBSCRIBED


def test_unsubscribe_button_leaves_and_pressing_it_again_is_harmless(client):
    member = SubscribedFactory(email="member@example.nhs.uk")
    url = reverse("community:unsubscribe", args=[unsubscribe_token(member)])

    first = client.post(url)
    member.refresh_from_db()
    left_at = member.unsubscribed_at
    second = client.post(url)
    opened_later = client.get(url)

    assert "You have left the mailing list" in first.content.decode()
    assert "You have left the mailing list" in second.content.decode()
    assert "You have left the mailing list" in opened_later.content.decode()
    member.refresh_from_db()
    assert member.unsubscribed_at == left_at


def test_unsubscribe_link_from_the_confirmation_email_cancels_a_pending_sign_up(
    client, signup_data, sent_mail
):
    client.post(SIGNUP, signup_data())

    client.post(path_of(link_in(sent_mail()[0], "unsubscribe")))

    assert Subscription.objects.get().status == Subscription.Status.UNSUBSCRIBED


def test_tampered_unsubscribe_link_is_rejected_without_changing_anything(client):
    member = SubscribedFactory(email="member@example.nhs.uk")
    token = unsubscribe_token(member)

    response = client.post(reverse("community:unsubscribe", args=[token + "x"]))

    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    member.refresh_from_db()
    assert member.status == Subscription.Status.SUBSCRIBED


def test_signed_in_subscriber_sees_their_status_and_can_leave(client, user):
    SubscribedFactory(email=user.email)
    client.force_login(user)

    page = client.get(SIGNUP).content.decode()
    left = client.post(reverse("community:leave"), follow=True)

    assert "You are subscribed with" in page
    assert "Leave the mailing list" in page
    assert "You have left the community of practice mailing list." in left.content.decode()
    assert "Join again" in left.content.decode()
    assert Subscription.objects.get().status == Subscription.Status.UNSUBSCRIBED


def test_signed_in_person_who_left_can_rejoin_with_a_new_confirmation(
    client, user, signup_data, sent_mail
):
    SubscribedFactory(email=user.email)
    client.force_login(user)
    client.post(reverse("community:leave"))

    client.post(SIGNUP, signup_data(email=user.email))
    client.post(path_of(link_in(sent_mail()[-1], "confirm")))

    subscription = Subscription.objects.get()
    assert subscription.status == Subscription.Status.SUBSCRIBED
    assert subscription.user == user


def test_signed_in_person_with_a_pending_sign_up_sees_it(client, user):
    SubscriptionFactory(email=user.email)
    client.force_login(user)

    page = client.get(SIGNUP).content.decode()

    assert "to finish joining" in page


def test_leave_needs_a_signed_in_person(client):
    response = client.post(reverse("community:leave"))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_unsubscribe_link_from_an_email_sent_before_links_named_the_subscription_still_works(
    client,
):
    member = SubscribedFactory(email="member@example.nhs.uk")
    old_token = signing.dumps({"email": member.email}, salt=UNSUBSCRIBE_SALT)

    response = client.post(reverse("community:unsubscribe", args=[old_token]))

    assert response.status_code == 200
    member.refresh_from_db()
    assert member.status == Subscription.Status.UNSUBSCRIBED
