"""The client address for rate limits: X-Forwarded-For only as far as our proxies write it."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from knowvember.ratelimit import client_ip
from tests.factories import UserFactory
from tests.knowvember.test_settings import run_python

pytestmark = pytest.mark.django_db


def address(forwarded=None, remote="10.0.0.5"):
    headers = {"headers": {"x-forwarded-for": forwarded}} if forwarded is not None else {}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote, **headers))


def test_forwarded_header_is_ignored_unless_proxies_are_configured(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    assert address("203.0.113.7") == "10.0.0.5"


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # the client's own entry is ignored
        (2, "6.6.6.6, 203.0.113.7, 198.51.100.1", "203.0.113.7"),
        (2, "203.0.113.7", "203.0.113.7"),  # came in through the inner proxy only
        (1, "2001:db8::1", "2001:db8::1"),
        (1, "not-an-address", "10.0.0.5"),
    ],
)
def test_client_is_the_hop_written_by_the_outermost_trusted_proxy(
    settings, count, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = count

    assert address(forwarded) == expected


def test_rotated_forwarded_headers_do_not_escape_the_per_address_login_limit(client):
    people = UserFactory.create_batch(15)
    refused = 0

    for n, person in enumerate(people):
        response = client.post(
            reverse("account_login"),
            {"login": person.email, "password": "wrong password"},
            headers={"x-forwarded-for": f"203.0.113.{n + 1}"},
        )
        refused += "Too many failed attempts to sign in" in response.content.decode()

    assert refused == 5  # one address, ten failures a minute, whatever the header says


def test_production_trusts_no_forwarded_header_unless_told():
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'knowvember.settings'; "
        "from django.conf import settings as s; print(s.TRUSTED_PROXY_COUNT)"
    )
    production = {"DEBUG": "0", "SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "kv.example.nhs.uk"}

    default = run_python(code, **production)
    configured = run_python(code, **production, TRUSTED_PROXY_COUNT="1")

    assert (default.stdout.strip(), configured.stdout.strip()) == ("0", "1"), default.stderr
