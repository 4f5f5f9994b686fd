import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from community import views
from community.models import ConsentWording, Subscription
from tests.community.conftest import link_in, path_of
from tests.community.factories import SubscribedFactory, SubscriptionFactory, UnsubscribedFactory
from tests.factories import RegionFactory
from tests.html import parse
from tests.mail import delivered_mail

pytestmark = pytest.mark.django_db

SIGNUP = reverse("community:signup")
CHECK_EMAIL = reverse("community:check-email")


def test_signup_page_explains_the_community_and_shows_the_consent_wording(client, wording):
    response = client.get(SIGNUP)

    html = response.content.decode()
    page = parse(response)
    assert response.status_code == 200
    assert page.h1_count == 1
    assert page.inline_scripts == 0
    assert page.style_attributes == 0
    assert "community of practice" in html
    assert "one email a month" in html
    assert wording.text in html
    assert f'name="consent_version" value="{wording.version}"' in html
    # The statement sits right before the button it describes.
    assert html.index(wording.text) < html.index(">Join the community</button>")


def test_signup_page_honeypot_is_hidden_from_people_and_keyboards(client, wording):
    response = client.get(SIGNUP)

    html = response.content.decode()
    wrapper = re.search(r'<div class="nhsuk-form-group kv-honeypot"[^>]*>(.*?)</div>', html, re.S)
    assert wrapper, "the honeypot field is not wrapped in .kv-honeypot"
    assert "Leave this field blank" in wrapper.group(1)
    field = re.search(r'<input[^>]*name="website"[^>]*>', wrapper.group(1)).group(0)
    assert 'tabindex="-1"' in field
    assert 'autocomplete="off"' in field


def test_signup_page_is_prefilled_for_a_signed_in_user(client, user):
    region = RegionFactory(name="London", slug="london")
    user.job_title = "Clinical librarian"
    user.region = region
    user.save()
    client.force_login(user)

    response = client.get(SIGNUP)

    form = response.context["form"]
    assert form["email"].value() == user.email
    assert form["name"].value() == user.name
    assert form["role"].value() == "Clinical librarian"
    assert form["organisation"].value() == user.organisation
    assert form["region"].value() == region.pk


def test_signup_records_a_pending_subscription_with_its_consent_record(
    client, signup_data, wording, sent_mail
):
    region = RegionFactory(name="North West", slug="north-west")

    response = client.post(
        SIGNUP,
        signup_data(email="  New.Member@Example.NHS.uk ", region=str(region.pk)),
        REMOTE_ADDR="198.51.100.7",
    )

    assert response.status_code == 302
    assert response["Location"] == CHECK_EMAIL
    subscription = Subscription.objects.get()
    assert subscription.email == "new.member@example.nhs.uk"
    assert subscription.status == Subscription.Status.PENDING
    assert subscription.region == region
    assert subscription.signup_ip == "198.51.100.7"
    assert subscription.consent_wording == wording
    assert subscription.confirmed_at is None
    assert subscription.confirmation_attempted_at is not None
    assert len(sent_mail()) == 1
    assert sent_mail()[0].to == ["new.member@example.nhs.uk"]
    assert "/community/confirm/" in sent_mail()[0].body


def test_check_email_page_names_the_address_and_the_next_step(client, signup_data):
    response = client.post(SIGNUP, signup_data(), follow=True)

    html = response.content.decode()
    assert "Check your email" in html
    assert "new.member@example.nhs.uk" in html
    assert "7 days" in html


def test_signup_twice_with_differently_written_address_makes_one_record(
    client, signup_data, sent_mail
):
    client.post(SIGNUP, signup_data(email="twice@example.nhs.uk"))
    client.post(SIGNUP, signup_data(email="TWICE@example.nhs.uk "))

    assert Subscription.objects.filter(email="twice@example.nhs.uk").count() == 1
    assert Subscription.objects.count() == 1
    # The second (double) submit within a couple of minutes does not send a second email.
    assert len(sent_mail()) == 1


def _check_email_page_for(state, signup_data):
    """Sign up an address that is in `state` beforehand; return what the visitor sees."""
    Subscription.objects.all().delete()
    cache.clear()  # each scenario is a fresh visitor, not a fourth attempt
    email = "someone@example.nhs.uk"
    if state == "pending":
        SubscriptionFactory(email=email)
    elif state == "subscribed":
        SubscribedFactory(email=email)
    elif state == "unsubscribed":
        UnsubscribedFactory(email=email)
    client = Client()
    posted = client.post(SIGNUP, signup_data(email=email))
    shown = client.get(posted["Location"])
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", shown.content.decode())
    return (posted.status_code, posted["Location"], shown.status_code, html)


def test_signup_responses_are_identical_for_new_pending_and_subscribed_addresses(signup_data):
    seen = {
        state: _check_email_page_for(state, signup_data)
        for state in ["new", "pending", "subscribed", "unsubscribed"]
    }

    assert seen["new"][0] == 302
    assert seen["new"] == seen["pending"] == seen["subscribed"] == seen["unsubscribed"]


def test_signup_for_a_subscriber_changes_nothing_and_tells_only_them(
    client, signup_data, sent_mail
):
    subscriber = SubscribedFactory(email="member@example.nhs.uk", name="Original Name")

    client.post(SIGNUP, signup_data(email="member@example.nhs.uk", name="Someone Else"))

    subscriber.refresh_from_db()
    assert subscriber.status == Subscription.Status.SUBSCRIBED
    assert subscriber.name == "Original Name"
    assert len(sent_mail()) == 1
    assert "already on the list" in sent_mail()[0].body
    assert "/community/confirm/" not in sent_mail()[0].body


def test_signup_after_leaving_starts_a_new_consent_record_once_confirmed(
    client, signup_data, sent_mail
):
    old = UnsubscribedFactory(email="back@example.nhs.uk")
    newer = ConsentWording.objects.create(version=old.consent_wording.version + 1, text="v2")

    client.post(
        SIGNUP,
        signup_data(email="back@example.nhs.uk", consent_version=str(newer.version)),
        REMOTE_ADDR="203.0.113.9",
    )
    waiting = Subscription.objects.get()
    client.post(path_of(link_in(delivered_mail()[0], "confirm")), REMOTE_ADDR="203.0.113.10")

    assert waiting.status == Subscription.Status.UNSUBSCRIBED  # nothing changed before confirming
    old.refresh_from_db()
    assert old.status == Subscription.Status.SUBSCRIBED
    assert old.consent_wording == newer
    assert (old.signup_ip, old.confirm_ip) == ("203.0.113.9", "203.0.113.10")
    assert old.unsubscribed_at is None
    assert "/community/confirm/" in sent_mail()[0].body


def test_signup_honeypot_shows_the_same_page_but_stores_and_sends_nothing(
    client, signup_data, sent_mail
):
    response = client.post(SIGNUP, signup_data(website="https://spam.example"), follow=True)

    assert response.redirect_chain == [(CHECK_EMAIL, 302)]
    assert "Check your email" in response.content.decode()
    assert Subscription.objects.count() == 0
    assert sent_mail() == []


def test_signup_with_missing_details_shows_errors_and_stores_nothing(
    client, signup_data, sent_mail
):
    response = client.post(SIGNUP, signup_data(email="not-an-email", name="  ", role=""))

    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html
    assert "Enter an email address in the correct format" in html
    assert "Enter your full name" in html
    assert "Enter your job title or role" in html
    assert Subscription.objects.count() == 0
    assert sent_mail() == []


def test_signup_after_the_wording_changed_asks_to_read_it_again(client, signup_data, wording):
    stale = signup_data()
    newer = ConsentWording.objects.create(version=wording.version + 1, text="The new wording.")

    response = client.post(SIGNUP, stale)

    html = response.content.decode()
    assert response.status_code == 400
    assert "What you agree to has changed" in html
    assert "The new wording." in html
    assert f'name="consent_version" value="{newer.version}"' in html
    assert Subscription.objects.count() == 0


def test_signup_rate_limit_per_address_answers_429(client, signup_data):
    for n in range(3):
        client.post(SIGNUP, signup_data(), REMOTE_ADDR=f"192.0.2.{n + 1}")

    response = client.post(SIGNUP, signup_data(), REMOTE_ADDR="192.0.2.99")

    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert response["Retry-After"]


def test_fifty_colleagues_behind_one_trust_address_can_all_join_within_the_hour(signup_data):
    statuses = [
        Client()
        .post(SIGNUP, signup_data(email=f"colleague{n}@example.nhs.uk"), REMOTE_ADDR="192.0.2.10")
        .status_code
        for n in range(50)
    ]

    assert statuses == [302] * 50
    assert Subscription.objects.count() == 50


def test_signup_rate_limit_per_client_answers_429(client, signup_data):
    for n in range(views.SIGNUPS_PER_IP):
        client.post(SIGNUP, signup_data(email=f"person{n}@example.nhs.uk"))

    response = client.post(SIGNUP, signup_data(email="one.more@example.nhs.uk"))

    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert not Subscription.objects.filter(email="one.more@example.nhs.uk").exists()


def test_signup_by_signed_in_user_links_their_verified_address(client, user, signup_data):
    client.force_login(user)

    client.post(SIGNUP, signup_data(email=user.email.upper()))

    assert Subscription.objects.get().user == user


def test_signup_by_signed_in_user_for_another_address_is_not_linked(client, user, signup_data):
    client.force_login(user)

    client.post(SIGNUP, signup_data(email="colleague@example.nhs.uk"))

    assert Subscription.objects.get().user is None
