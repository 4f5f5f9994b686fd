import re

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = {
    "email": "  New.Librarian@Example.NHS.uk ",
    "name": "A.  Librarian",
    "job_title": "Clinical librarian",
    "organisation": "Example NHS Foundation Trust",
    "password1": PASSWORD,
    "password2": PASSWORD,
}


def confirmation_link(message):
    return re.search(r"https?://testserver(/accounts/confirm-email/[^/\s]+/)", message.body)[1]


def test_signup_sends_a_verification_email_and_the_account_waits_for_it(client, sent_mail):
    region = RegionFactory(name="London", slug="london")

    response = client.post(reverse("account_signup"), SIGNUP | {"region": region.pk})

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get()
    assert user.email == "new.librarian@example.nhs.uk"
    assert (user.name, user.organisation, user.region) == (
        "A. Librarian",
        "Example NHS Foundation Trust",
        region,
    )
    assert len(sent_mail()) == 1
    assert sent_mail()[0].to == ["new.librarian@example.nhs.uk"]
    assert sent_mail()[0].subject.startswith("KNOWvember: ")
    assert not EmailAddress.objects.get(user=user).verified


def test_fifty_colleagues_behind_one_trust_address_can_all_make_accounts_within_a_minute():
    statuses = [
        Client()
        .post(reverse("account_signup"), SIGNUP | {"email": f"colleague{n}@example.nhs.uk"})
        .status_code
        for n in range(50)
    ]

    assert statuses == [302] * 50
    assert User.objects.count() == 50


def test_opening_the_verification_link_changes_nothing_until_the_button_is_pressed(
    client, sent_mail
):
    client.post(reverse("account_signup"), SIGNUP)
    link = confirmation_link(sent_mail()[0])

    page = client.get(link)

    assert page.status_code == 200
    assert "Confirm" in page.content.decode()
    assert not EmailAddress.objects.get().verified

    confirmed = client.post(link)

    assert confirmed.status_code == 302
    assert EmailAddress.objects.get().verified
    dashboard = client.get(reverse("accounts:dashboard"))
    assert dashboard.status_code == 200
    assert "new.librarian@example.nhs.uk" in dashboard.content.decode()


def test_unverified_people_cannot_sign_in_until_they_verify(client):
    user = UserFactory(verified=False)

    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert client.get(reverse("accounts:dashboard")).status_code == 302


def test_verified_people_sign_in_with_email_and_password(client, user):
    response = client.post(
        reverse("account_login"), {"login": user.email.upper(), "password": PASSWORD}
    )

    assert response.status_code == 302
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_signing_up_with_a_taken_address_looks_the_same_and_tells_only_the_owner(
    client, user, sent_mail
):
    response = client.post(reverse("account_signup"), SIGNUP | {"email": user.email})

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert User.objects.count() == 1
    assert len(sent_mail()) == 1
    assert sent_mail()[0].to == [user.email]


def test_signup_with_bad_input_is_a_400_with_an_error_summary_linking_to_each_field(client):
    response = client.post(
        reverse("account_signup"), SIGNUP | {"email": "not-an-email", "name": ""}
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    assert 'href="#id_email"' in page
    assert 'href="#id_name"' in page
    assert "nhsuk-error-message" in page
    assert User.objects.count() == 0


def test_login_by_emailed_code_is_offered(client, user, sent_mail):
    response = client.post(reverse("account_request_login_code"), {"email": user.email})

    assert response.status_code == 302
    assert len(sent_mail()) == 1
    assert re.search(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}\b", sent_mail()[0].body)


def test_repeated_failed_logins_lock_the_account_for_a_while(client, user):
    for _ in range(5):
        client.post(reverse("account_login"), {"login": user.email, "password": "wrong-password"})

    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert response.status_code == 429
    assert response["Retry-After"] == "300"
    assert "Too many failed attempts to sign in" in response.content.decode()
    assert client.get(reverse("accounts:dashboard")).status_code == 302


def test_a_flood_of_login_attempts_from_one_address_gets_the_429_page(client):
    statuses = [
        client.post(
            reverse("account_login"), {"login": f"x{n}@example.com", "password": "x"}
        ).status_code
        for n in range(31)
    ]

    assert statuses[0] == 400
    assert statuses[-1] == 429
    page = client.post(reverse("account_login"), {"login": "y@example.com", "password": "y"})
    assert "Too many attempts" in page.content.decode()


def test_profile_can_be_changed_and_bad_input_is_refused(user_client, user):
    bad = user_client.post(reverse("accounts:profile"), {"name": "   "})

    assert bad.status_code == 400
    assert "Enter your full name" in bad.content.decode()

    good = user_client.post(
        reverse("accounts:profile"), {"name": "B. Librarian", "organisation": "Example ICB"}
    )

    assert good.status_code == 302
    user.refresh_from_db()
    assert (user.name, user.organisation) == ("B. Librarian", "Example ICB")


def test_a_bot_filling_the_hidden_field_sees_success_but_gets_no_account(client, sent_mail):
    response = client.post(reverse("account_signup"), SIGNUP | {"website": "http://spam.example"})

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert User.objects.count() == 0
    assert sent_mail() == []


def test_the_hidden_field_is_out_of_reach_of_people(client):
    page = client.get(reverse("account_signup")).content.decode()

    assert 'class="kv-honeypot" aria-hidden="true"' in page
    assert 'name="website" id="id_website" tabindex="-1" autocomplete="off"' in page
