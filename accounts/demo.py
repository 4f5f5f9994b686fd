"""The organiser who runs the site locally, and the people the other apps' content belongs to.

People are described by role, never by an invented name: the account's name is the role, the
organisation is a kind of organisation ("A mental health trust"), never a made-up trust.
"""

import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group

from accounts.models import User
from accounts.permissions import ORGANISERS_GROUP
from knowvember.models import Region

# Accounts the content is attached to live on this domain, which receives no mail.
PEOPLE_DOMAIN = "example.nhs.uk"


def demo_people(people: dict[str, tuple[str, str, str]]) -> dict[str, User]:
    """Verified accounts, one per key: (role, kind of organisation, region slug).

    The same accounts on every run, written in a handful of queries whatever their number.
    """
    regions = {region.slug: region for region in Region.objects.all()}
    emails = {key: f"{key}@{PEOPLE_DOMAIN}" for key in people}
    existing = {user.email: user for user in User.objects.filter(email__in=emails.values())}
    users = {}
    for key, (role, organisation, region) in people.items():
        user = existing.get(emails[key]) or User(email=emails[key])
        user.name = user.job_title = role
        user.organisation = organisation
        user.region = regions.get(region)
        if user.pk is None:
            user.set_unusable_password()
        users[key] = user
    User.objects.bulk_create([user for user in users.values() if user.pk is None])
    User.objects.bulk_update(
        [user for user in users.values() if user.email in existing],
        ["name", "job_title", "organisation", "region"],
    )
    verified = set(
        EmailAddress.objects.filter(user__in=users.values()).values_list("email", flat=True)
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True)
        for user in users.values()
        if user.email not in verified
    )
    return users


def load_demo_data(command):
    email = settings.KNOWVEMBER_DEMO_ORGANISER_EMAIL
    password = secrets.token_urlsafe(12)
    organiser, _ = User.objects.update_or_create(
        email=email,
        defaults={
            "name": "KNOWvember organiser",
            "job_title": "Knowledge and library services",
            "organisation": "NHS England",
            "is_staff": True,
        },
    )
    organiser.set_password(password)
    organiser.save()
    organiser.groups.add(Group.objects.get(name=ORGANISERS_GROUP))
    EmailAddress.objects.update_or_create(
        user=organiser, email=email, defaults={"verified": True, "primary": True}
    )
    # load_demo prints this last, after every app's summary line.
    command.organiser_login = (email, password)
    command.stdout.write("Accounts: organiser ready.")
