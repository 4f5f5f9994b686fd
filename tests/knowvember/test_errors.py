"""Friendly error pages in the NHS.UK layout, never a stack trace."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.html import parse


@pytest.fixture
def database_down(transactional_db):
    """Point the default connection at a database that cannot be reached, then restore it."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite's in-memory test database cannot be disconnected; runs on PostgreSQL")
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT="1")
    yield
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(saved)


def test_pages_answer_503_in_our_layout_when_the_database_is_unreachable(database_down):
    response = Client(raise_request_exception=False).get(reverse("home"))

    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "Sorry, the service is unavailable" in page
    assert "Traceback" not in page
    assert "nhsuk-header" in page
    assert parse(response).h1_count == 1


def test_health_check_reports_the_database_down_with_503(database_down):
    response = Client().get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "down"}


@pytest.mark.django_db
def test_server_errors_get_a_friendly_page_without_details(client):
    from django.test import RequestFactory

    from knowvember.views import error_500

    response = error_500(RequestFactory().get("/"))

    page = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in page
    assert parse(response).h1_count == 1


@pytest.mark.django_db
def test_a_form_sent_without_its_security_token_gets_a_plain_english_403(user):
    strict = Client(enforce_csrf_checks=True)

    response = strict.post(reverse("account_login"), {"login": user.email, "password": "x"})

    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()
    assert parse(response).inline_scripts == 0
