import json

import pytest
from allauth.usersessions.models import UserSession
from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import models
from django.urls import reverse

from accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def sign_in(client, user):
    """Sign in through the real form, so the session counts as freshly authenticated."""
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302


def reauthenticate(client):
    """Re-enter the password on allauth's re-authentication page."""
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302


def rows_mentioning(user_id, email, name):
    """Every (model, field) in the database that still holds the person's id, email or name."""
    found = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not field.concrete or field.auto_created and not field.is_relation:
                continue
            if isinstance(field, models.ForeignKey) and field.related_model is User:
                lookup = {field.attname: user_id}
            elif isinstance(field, (models.CharField, models.TextField)) and not field.choices:
                lookup = None
                for needle in (email, name):
                    if model.objects.filter(**{f"{field.name}__icontains": needle}).exists():
                        found.append(f"{model._meta.label}.{field.name} holds {needle!r}")
                continue
            else:
                continue
            if model.objects.filter(**lookup).exists():
                found.append(f"{model._meta.label}.{field.name} = {user_id}")
    for session in Session.objects.all():
        if str(session.get_decoded().get("_auth_user_id")) == str(user_id):
            found.append("a session is still signed in as them")
    return found


def test_download_my_data_returns_one_json_file_with_my_profile(client):
    user = UserFactory(email="me@example.nhs.uk", name="M. Ine", job_title="Librarian")
    sign_in(client, user)

    response = client.post(reverse("accounts:export"))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="knowvember-my-data-')
    document = json.loads(response.content)
    assert document["profile"]["email"] == "me@example.nhs.uk"
    assert document["profile"]["job_title"] == "Librarian"
    assert document["email_addresses"] == [
        {"email": "me@example.nhs.uk", "verified": True, "primary": True}
    ]
    assert len(document["sessions"]) == 1


@pytest.fixture
def person_with_everything(settings):
    """Someone with a team pledge and photo, a place in someone else's team (with a lesson) and
    an invitation to a third, a booking, a waiting-list place and a subscription."""
    from events.services import registration_book
    from knowvember.images import process_image
    from pledges import services
    from tests.community.factories import SubscribedFactory
    from tests.events.factories import EventFactory
    from tests.pledges.factories import PledgeFactory
    from tests.pledges.images import jpeg

    person = UserFactory(email="everything@example.nhs.uk", name="Evelyn Everything")
    photo = process_image(jpeg())
    pledge = PledgeFactory(
        author=person, title="Run a retrospect", photo_alt="Our team", team_name="Ward 7 library"
    )
    pledge.photo.save(photo.image.name, photo.image, save=False)
    pledge.photo_thumbnail.save(photo.thumbnail.name, photo.thumbnail)
    pledge.members.create(user=UserFactory(), status="accepted")
    joined = PledgeFactory(title="Journal club for porters", team_name="Estates team")
    joined.members.create(user=person, status="accepted", show_name=True, lesson="Evelyn's")
    services.team_member_invite(
        pledge=PledgeFactory(team_name="Outreach team"), emails=[person.email]
    )
    my_place = EventFactory(title="Fishbowl for two", capacity=1)
    registration_book(event=my_place, user=person)
    waiting = registration_book(event=my_place, user=UserFactory(email="next@example.nhs.uk"))
    busy = EventFactory(title="Busy knowledge café", capacity=1)
    registration_book(event=busy, user=UserFactory())
    registration_book(event=busy, user=person)
    SubscribedFactory(email=person.email, name=person.name, user=person)
    return person, pledge, waiting


def test_download_my_data_holds_my_pledges_bookings_and_subscription(
    client, person_with_everything
):
    from events.models import Registration

    person, pledge, _waiting = person_with_everything
    sign_in(client, person)

    document = json.loads(client.post(reverse("accounts:export")).content)

    [exported_pledge] = document["pledges"]["pledges"]
    assert exported_pledge["title"] == "Run a retrospect"
    [membership] = document["pledges"]["team_memberships"]
    assert membership["team"] == "Estates team" and membership["lesson"] == "Evelyn's"
    [invitation] = document["pledges"]["team_invitations_to_you"]
    assert invitation["team"] == "Outreach team"
    assert exported_pledge["status"] == "approved"
    assert exported_pledge["photo_url"] == pledge.photo.url
    bookings = {row["event"]: row["status"] for row in document["events"]["event_registrations"]}
    assert bookings == {
        "Fishbowl for two": Registration.Status.CONFIRMED.label,
        "Busy knowledge café": Registration.Status.WAITING.label,
    }
    [subscription] = document["community"]["subscriptions"]
    assert subscription["status"] == "subscribed"
    assert subscription["consent_wording"]


def test_download_my_data_is_not_a_get_link(user_client):
    assert user_client.get(reverse("accounts:export")).status_code == 405


def test_deleting_my_account_needs_me_to_prove_it_is_me_again(client, user):
    sign_in(client, user)

    page = client.get(reverse("accounts:delete"))
    attempt = client.post(reverse("accounts:delete"), {"confirm": "on"})

    assert page.status_code == 200
    assert attempt.status_code == 302
    assert attempt["Location"].startswith(reverse("account_reauthenticate"))
    assert User.objects.filter(pk=user.pk).exists()


def test_deleting_my_account_without_ticking_the_box_is_refused(client, user):
    sign_in(client, user)
    reauthenticate(client)

    response = client.post(reverse("accounts:delete"), {})

    assert response.status_code == 400
    assert "Confirm that you want to delete your account" in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()


def test_deleting_my_account_leaves_no_trace_and_signs_me_out_everywhere(client):
    from django.test import Client

    user = UserFactory(email="leaving@example.nhs.uk", name="Leaving Person")
    user_id = user.pk
    other_device = Client()
    sign_in(other_device, user)
    sign_in(client, user)
    reauthenticate(client)
    assert UserSession.objects.filter(user=user).count() == 2

    response = client.post(reverse("accounts:delete"), {"confirm": "on"})

    assert response.status_code == 302
    assert rows_mentioning(user_id, "leaving@example.nhs.uk", "Leaving Person") == []
    assert other_device.get(reverse("accounts:dashboard")).status_code == 302
    assert "have been deleted" in client.get(response["Location"]).content.decode()


def stored_files(root):
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_deleting_an_account_with_everything_removes_files_and_frees_places(
    client, settings, person_with_everything, django_capture_on_commit_callbacks
):
    from events.models import Registration

    person, pledge, waiting = person_with_everything
    person_id, photo_path = person.pk, pledge.photo.path
    sign_in(client, person)
    reauthenticate(client)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:delete"), {"confirm": "on"})

    assert response.status_code == 302
    assert rows_mentioning(person_id, "everything@example.nhs.uk", "Evelyn Everything") == []
    remaining = stored_files(settings.MEDIA_ROOT) + stored_files(settings.PRIVATE_MEDIA_ROOT)
    assert str(photo_path) not in map(str, remaining)
    for path in remaining:
        content = path.read_bytes()
        assert b"everything@example.nhs.uk" not in content and b"Evelyn" not in content
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED  # my place went to the next person
