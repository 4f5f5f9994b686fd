"""Headers on every response (static files and errors included), messages kept out of cookies,
the manifest of static files not served, and oversized bodies refused before they are read."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.community.factories import SubscribedFactory
from tests.factories import UserFactory
from tests.knowvember.test_settings import run_python
from tests.showcases.factories import RecordingFactory, ShowcaseFactory

pytestmark = pytest.mark.django_db

PLAYER_ORIGIN = '"https://www.youtube-nocookie.com"'
OFF = ["camera", "microphone", "geolocation", "payment", "usb"]


def policy(response) -> dict:
    return dict(item.strip().split("=", 1) for item in response["Permissions-Policy"].split(","))


@pytest.fixture
def static_client(settings):
    """A client whose WhiteNoise serves the source static files (no collectstatic needed)."""
    settings.WHITENOISE_USE_FINDERS = True
    return Client()


RESPONSES = {
    "page": lambda c: c.get(reverse("home")),
    "not found": lambda c: c.get("/no-such-page/"),
    "bad request": lambda c: c.get("/search/?q=%00"),
    "feed": lambda c: c.get(reverse("pledges:feed")),
    "static file": lambda c: c.get("/static/js/site.mjs"),
}


@pytest.mark.parametrize("kind", RESPONSES)
def test_every_response_turns_off_browser_features_and_stays_same_origin(static_client, kind):
    response = RESPONSES[kind](static_client)

    assert response.status_code in (200, 400, 404)
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    features = policy(response)
    assert all(features[name] == "()" for name in OFF)
    assert features["fullscreen"] == "(self)"


def test_a_static_file_is_served_with_the_headers(static_client):
    response = static_client.get("/static/js/site.mjs")

    assert response.status_code == 200
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_only_a_page_with_a_recording_lets_the_player_go_full_screen(client):
    with_recording = RecordingFactory().showcase
    without = ShowcaseFactory()

    player = policy(client.get(with_recording.get_absolute_url()))
    plain = policy(client.get(without.get_absolute_url()))

    assert player["fullscreen"] == f"(self {PLAYER_ORIGIN})"
    assert all(player[name] == "()" for name in OFF)
    assert plain["fullscreen"] == "(self)"


def test_the_account_lock_out_answers_429_with_retry_after(client):
    person = UserFactory()
    for _ in range(5):
        client.post(reverse("account_login"), {"login": person.email, "password": "wrong"})

    response = client.post(reverse("account_login"), {"login": person.email, "password": "x"})

    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 60
    assert "Too many failed attempts to sign in" in response.content.decode()


def test_messages_are_kept_in_the_session_not_a_cookie(client, user):
    SubscribedFactory(email=user.email)
    client.force_login(user)

    response = client.post(reverse("community:leave"))
    shown = client.get(response["Location"])

    assert "messages" not in response.cookies
    assert "You have left the community of practice mailing list." in shown.content.decode()


def test_production_keeps_messages_in_the_session():
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'knowvember.settings'; "
        "from django.conf import settings as s; print(s.MESSAGE_STORAGE)"
    )

    result = run_python(
        code, DEBUG="0", SECRET_KEY="x" * 60, ALLOWED_HOSTS="knowvember.example.nhs.uk"
    )

    assert result.stdout.strip() == "django.contrib.messages.storage.session.SessionStorage"


def test_the_static_files_manifest_is_not_served(settings, tmp_path):
    (tmp_path / "staticfiles.json").write_text('{"paths": {}}')
    (tmp_path / "site.css").write_text("body {}")
    settings.STATIC_ROOT = tmp_path

    client = Client()

    assert client.get("/static/site.css").status_code == 200
    assert client.get("/static/staticfiles.json").status_code == 404


def test_a_body_over_the_limit_answers_413_before_it_is_read(client, settings):
    settings.MAX_REQUEST_BODY_BYTES = 1024

    response = client.post(
        reverse("community:signup"),
        data=b"x" * 10,
        content_type="application/octet-stream",
        CONTENT_LENGTH=str(50 * 1024 * 1024),  # the stream holds 10 bytes: reading would hang
    )

    assert response.status_code == 413
    assert "too large" in response.content.decode()


def test_the_admin_takes_larger_bodies_than_the_public_site(client, settings):
    settings.MAX_REQUEST_BODY_BYTES = 1024
    settings.MAX_ADMIN_REQUEST_BODY_BYTES = 4096

    public = client.post(reverse("community:signup"), {"email": "x" * 2000})
    admin = client.post(reverse("admin:index"), {"q": "x" * 2000})
    too_big = client.post(reverse("admin:index"), {"q": "x" * 5000})

    assert public.status_code == 413
    assert admin.status_code != 413
    assert too_big.status_code == 413
