"""Security headers, CSP and the absence of inline code, on every kind of page."""

import pytest
from django.urls import reverse

from tests.factories import CampaignFactory
from tests.html import parse

pytestmark = pytest.mark.django_db

PAGE_KINDS = {
    "home": lambda: reverse("home"),
    "static page": lambda: reverse("privacy"),
    "campaign archive": lambda: CampaignFactory().get_absolute_url(),
    "sign-up form": lambda: reverse("account_signup"),
    "log-in form": lambda: reverse("account_login"),
    "not found": lambda: "/no-such-page/",
}


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_every_page_kind_sends_a_strict_content_security_policy(client, kind):
    response = client.get(PAGE_KINDS[kind]())

    policy = dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
    )
    assert policy["default-src"] == "'none'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["base-uri"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"]


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_every_page_kind_sends_the_other_security_headers(client, kind):
    response = client.get(PAGE_KINDS[kind]())

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_every_page_kind_has_no_inline_code_one_heading_and_nothing_from_other_sites(client, kind):
    page = parse(client.get(PAGE_KINDS[kind]()))

    assert page.inline_scripts == 0
    assert page.style_attributes == 0
    assert page.style_elements == 0
    assert page.h1_count == 1
    assert page.external_resources == []


def test_forms_are_protected_against_cross_site_request_forgery(user):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)

    response = strict.post(reverse("account_login"), {"login": user.email, "password": "anything"})

    assert response.status_code == 403
