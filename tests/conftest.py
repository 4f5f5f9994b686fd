import pytest
from django.core.cache import caches

from tests.factories import OrganiserFactory, UserFactory
from tests.mail import delivered_mail


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits and pages live in the caches: every test starts with them empty."""
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files go to throwaway folders, never the project's media/ or private-media/."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    settings.MEDIA_ROOT = tmp_path / "media"  # also resets the storages' cached locations


@pytest.fixture
def sent_mail(db):
    """`sent_mail()` sends what the outbox has due, as the worker would, and returns the
    delivered messages (see tests/mail.py)."""
    return delivered_mail


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def organiser(db):
    return OrganiserFactory()


@pytest.fixture
def user_client(client, user):
    client.force_login(user)
    return client


def pytest_report_header(config):
    from django.conf import settings

    database = settings.DATABASES["default"]
    return f"database: {database['ENGINE'].rsplit('.', 1)[-1]} ({database['NAME']})"
