"""Boring factories for the models every app shares."""

import datetime

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from accounts.models import User
from accounts.permissions import ORGANISERS_GROUP, grant_organiser_permissions
from knowvember.models import Campaign, Region

PASSWORD = "correct-horse-battery-staple-42"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    year = factory.Sequence(lambda n: 2030 + n)
    # KNOWvember30 for 2030; past 2099 the number keeps growing, so names never repeat.
    name = factory.LazyAttribute(lambda o: f"KNOWvember{o.year - 2000:02d}")
    slug = factory.LazyAttribute(lambda o: o.name.lower())
    theme = "Sharing knowledge"
    starts_on = factory.LazyAttribute(lambda o: datetime.date(o.year, 11, 1))
    ends_on = factory.LazyAttribute(lambda o: datetime.date(o.year, 11, 30))
    summary = "An edition of the campaign."


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a verified primary email address, able to sign in."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"librarian{n}@example.nhs.uk")
    name = factory.Sequence(lambda n: f"A. Librarian {n}")
    organisation = "Example NHS Foundation Trust"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(
                user=self, email=self.email, primary=True, verified=extracted is not False
            )


def organisers_group() -> Group:
    """The Organisers group the migrations make. A browser test's flush empties every table, so
    after one the group is made again, with the same permissions as the migrations give it."""
    group = Group.objects.filter(name=ORGANISERS_GROUP).first()
    if group is None:
        from django.apps import apps

        for labels, actions in [
            (["knowvember", "community", "events", "pledges", "showcases"], None),
            (["accounts"], ["view"]),
        ]:
            grant_organiser_permissions(apps, None, app_labels=labels, actions=actions)
        group = Group.objects.get(name=ORGANISERS_GROUP)
    return group


class OrganiserFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def organiser_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(organisers_group())
