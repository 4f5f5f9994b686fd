"""Sign-up with a taken address does the same work as with a new one, so timing tells nothing.

Median times are measured by benchmarks/bench_accounts.py with the real hasher; here we check
the cause: both paths hash a password exactly as often.
"""

import pytest
from django.urls import reverse

from tests.accounts.hashers import CountingHasher
from tests.factories import PASSWORD, UserFactory
from tests.mail import delivered_mail

pytestmark = pytest.mark.django_db


@pytest.fixture
def counting_hasher(settings):
    settings.PASSWORD_HASHERS = ["tests.accounts.hashers.CountingHasher"]
    CountingHasher.hashed = 0
    return CountingHasher


def hashes_for_signup(client, hasher, email):
    before = hasher.hashed
    response = client.post(
        reverse("account_signup"),
        {"email": email, "name": "A. Person", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    return hasher.hashed - before


def test_sign_up_hashes_a_password_whether_or_not_the_address_has_an_account(
    client, counting_hasher
):
    taken = UserFactory(email="taken@example.nhs.uk")

    new_address = hashes_for_signup(client, counting_hasher, "new@example.nhs.uk")
    taken_address = hashes_for_signup(client, counting_hasher, taken.email)

    assert new_address >= 1
    assert taken_address == new_address
    assert [m.to for m in delivered_mail()] == [["new@example.nhs.uk"], ["taken@example.nhs.uk"]]
