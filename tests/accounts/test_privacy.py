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
