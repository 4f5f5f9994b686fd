import re

import pytest

from community.models import ConsentWording
from tests.mail import delivered_mail


@pytest.fixture
def wording(db):
    ConsentWording.objects.current(ConsentWording.Kind.DIGEST)
    return ConsentWording.objects.current()


@pytest.fixture
def digest_wording(db):
    return ConsentWording.objects.current(ConsentWording.Kind.DIGEST)


@pytest.fixture
def signup_data(wording):
    def make(**overrides):
        return {
            "email": "new.member@example.nhs.uk",
            "name": "C. Member",
            "role": "Library assistant",
            "organisation": "Example NHS Foundation Trust",
            "region": "",
            "website": "",
            "consent_version": str(wording.version),
        } | overrides

    return make


def link_in(message, name):
    """The first /community/<name>/<token>/ link in an email's body."""
    match = re.search(rf"https?://\S+/community/{name}/[^/\s]+/", message.body)
    assert match, f"No {name} link in: {message.body}"
    return match.group(0)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


class DeliveredMail:
    """Django's test outbox, read after sending what the outbox has due (as the worker would)."""

    def __getitem__(self, index):
        return delivered_mail()[index]

    def __len__(self):
        return len(delivered_mail())

    def __iter__(self):
        return iter(delivered_mail())


@pytest.fixture
def outbox():
    return DeliveredMail()
