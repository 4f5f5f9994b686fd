import re

import pytest
from django.core import mail

from community.models import ConsentWording


@pytest.fixture
def wording(db):
    return ConsentWording.objects.current()


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


@pytest.fixture
def outbox():
    return mail.outbox
