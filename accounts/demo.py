"""A demo organiser who can sign in to the admin straight away (never in production)."""

import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group

from accounts.models import User
from accounts.permissions import ORGANISERS_GROUP


def load_demo_data(command):
    email = settings.KNOWVEMBER_DEMO_ORGANISER_EMAIL
    password = secrets.token_urlsafe(12)
    organiser, _ = User.objects.update_or_create(
        email=email,
        defaults={"name": "Demo Organiser", "organisation": "NHS England", "is_staff": True},
    )
    organiser.set_password(password)
    organiser.save()
    organiser.groups.add(Group.objects.get(name=ORGANISERS_GROUP))
    EmailAddress.objects.update_or_create(
        user=organiser, email=email, defaults={"verified": True, "primary": True}
    )
    command.stdout.write(
        command.style.WARNING(
            f"Demo organiser: {email} / {password}  (sign in at /admin/; new password each run)"
        )
    )
