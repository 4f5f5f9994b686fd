"""Every page and email allauth shows people speaks as KNOWvember: British English, sentence
case, NHS.UK content style, and never the host and port a request came in on."""

import re
from pathlib import Path

import pytest
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.core import context
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, UserFactory
from tests.html import text_of
from tests.mail import delivered_mail

pytestmark = pytest.mark.django_db

ALLAUTH_EMAILS = Path(__file__).resolve().parents[2] / "templates" / "account" / "email"
NEVER_IN_AN_EMAIL = [
    "example.com",
    "127.0.0.1",
    "localhost",
    "testserver:",
    "Hello from",
    "Thank you for using",
]
AMERICAN_OR_TITLE_CASE = [
    "Please Confirm",
    "Verify Your",
    "finalize",
    "Remember Me",
    "Forgot your password",
    "Sign In",
    "Sign Out",
    "Password Reset",
    "Email Address",
    "organization",
    "recognize",
]


def assert_reads_as_knowvember(message):
    assert message.subject.startswith("KNOWvember: "), message.subject
    assert message.subject[len("KNOWvember: ")].islower(), message.subject  # site style
    for words in NEVER_IN_AN_EMAIL + AMERICAN_OR_TITLE_CASE:
        assert words not in message.subject + message.body, (words, message.body)
    assert "The KNOWvember team" in message.body


def test_every_email_allauth_sends_in_the_flows_we_use_reads_as_knowvember(client, settings):
    settings.ACCOUNT_EMAIL_NOTIFICATIONS = True
    client.defaults["REMOTE_ADDR"] = "203.0.113.9"  # notifications name the visitor's address
    owner = UserFactory(email="owner@example.nhs.uk")
    signup = {"email": "new@example.nhs.uk", "name": "A. New", "password1": PASSWORD}

    client.post(reverse("account_signup"), signup | {"password2": PASSWORD})  # confirm address
    client.post(reverse("account_signup"), signup | {"email": owner.email, "password2": PASSWORD})
    client.post(reverse("account_reset_password"), {"email": owner.email})
    client.post(reverse("account_reset_password"), {"email": "nobody@example.nhs.uk"})
    client.post(reverse("account_request_login_code"), {"email": owner.email})
    client.logout()
    client.force_login(owner)
    client.post(reverse("account_email"), {"action_add": "", "email": "second@example.nhs.uk"})
    client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": PASSWORD + "!", "password2": PASSWORD + "!"},
    )

    subjects = [message.subject for message in delivered_mail()]
    assert subjects == [
        "KNOWvember: confirm your email address",
        "KNOWvember: you already have an account",
        "KNOWvember: reset your password",
        "KNOWvember: there is no account for this email address",
        "KNOWvember: your sign-in code",
        "KNOWvember: confirm your email address",
        "KNOWvember: your password has been changed",
    ]
    for message in delivered_mail():
        assert_reads_as_knowvember(message)
    assert "/accounts/confirm-email/" in delivered_mail()[0].body
    assert "/accounts/password/reset/" in delivered_mail()[1].body


@pytest.mark.parametrize(
    "template_prefix",
    sorted({path.name.rsplit("_", 1)[0] for path in ALLAUTH_EMAILS.glob("*_subject.txt")}),
)
def test_every_allauth_email_template_renders_as_knowvember(template_prefix, rf: RequestFactory):
    request = rf.get("/")
    user = UserFactory(email="reader@example.nhs.uk")
    email = EmailAddress.objects.get(user=user)
    link = "https://knowvember.example.nhs.uk/accounts/link/"
    with context.request_context(request):
        message = get_adapter(request).render_mail(
            f"account/email/{template_prefix}",
            user.email,
            {
                "request": request,
                "user": user,
                "email": email.email,
                "code": "ABCD-1234",
                "activate_url": link,
                "password_reset_url": link,
                "signup_url": link,
                "from_email": "old@example.nhs.uk",
                "to_email": user.email,
                "deleted_email": "old@example.nhs.uk",
                "ip": "203.0.113.9",
                "user_agent": "Firefox",
                "timestamp": timezone.now(),
            },
        )

    assert_reads_as_knowvember(message)


PAGES = {
    "account_login": ["Sign in to KNOWvember", "Email address", "Keep me signed in on this device"],
    "account_signup": ["Create a KNOWvember account", "Confirm password"],
    "account_reset_password": ["Reset your password", "Send me a link"],
    "account_reset_password_done": ["Check your email"],
    "account_email_verification_sent": ["Check your email", "spam or junk folder"],
    "account_request_login_code": ["Sign in with a code", "Email me a code"],
}


@pytest.mark.parametrize("name", PAGES)
def test_allauth_pages_are_in_knowvember_words(client, name):
    page = text_of(client.get(reverse(name)))

    for words in PAGES[name]:
        assert words in page
    for words in AMERICAN_OR_TITLE_CASE:
        assert words not in page


def test_sign_in_page_offers_one_forgotten_password_link(client):
    page = client.get(reverse("account_login")).content.decode()

    main = page[page.index("<main") :]
    assert main.count("Forgotten your password?") == 1
    assert "Forgot your password" not in main
    assert 'placeholder="' not in main


@pytest.mark.parametrize(
    "name", ["account_email", "account_change_password", "usersessions_list", "account_logout"]
)
def test_account_management_pages_are_in_knowvember_words(user_client, name):
    page = text_of(user_client.get(reverse(name)))

    assert "KNOWvember" in page
    for words in AMERICAN_OR_TITLE_CASE:
        assert words not in page


def test_a_mismatched_new_password_is_explained_plainly(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "a@example.nhs.uk", "name": "A", "password1": PASSWORD, "password2": "other"},
    )

    assert response.status_code == 400
    assert "The passwords do not match" in text_of(response)


def test_a_wrong_password_is_explained_plainly(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})

    assert "The email address or password is not right" in text_of(response)


def test_sign_in_by_code_asks_for_the_code_in_our_words_and_signs_in(client, user):
    client.post(reverse("account_request_login_code"), {"email": user.email})
    code = re.search(r"\b[A-Z0-9]{4}-[A-Z0-9]{4}\b", delivered_mail()[-1].body)[0]

    asked = client.get(reverse("account_confirm_login_code"))
    wrong = client.post(reverse("account_confirm_login_code"), {"code": "AAAA-0000"})
    right = client.post(reverse("account_confirm_login_code"), {"code": code})

    page = text_of(asked)
    assert asked.status_code == 200
    assert page.count("Enter your sign-in code") == 1
    assert f"We have emailed a code to {user.email}" in page
    assert "Sign in another way" in page
    assert wrong.status_code == 400
    assert "There is a problem" in text_of(wrong)
    assert right.status_code == 302
    assert client.get(reverse("accounts:dashboard")).status_code == 200


def test_allauth_page_templates_are_small_hand_written_pages():
    """Each override is a short page of our own (guards against a bad bulk edit)."""
    for path in (ALLAUTH_EMAILS.parent).glob("*.html"):
        assert path.read_text().count("{% extends") <= 1, path.name
        assert len(path.read_text().splitlines()) < 80, path.name
