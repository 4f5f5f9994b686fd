"""Factories for the events app: a published in-person event a week away, by default."""

import datetime

import factory
from django.utils import timezone
from django.utils.text import slugify

from events.models import Event, Registration
from tests.factories import CampaignFactory, RegionFactory, UserFactory


def in_a_week():
    return (timezone.now() + datetime.timedelta(days=7)).replace(minute=0, second=0, microsecond=0)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    campaign = factory.SubFactory(CampaignFactory)
    region = factory.SubFactory(RegionFactory)
    format = Event.Format.IN_PERSON
    title = factory.Sequence(lambda n: f"Knowledge café {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    starts_at = factory.LazyFunction(in_a_week)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    venue_name = "Library, Example NHS Foundation Trust"
    venue_address = "Example Hospital\nExample Road"
    description = "Share what worked and what did not."
    accessibility = "Step-free access and a hearing loop."
    capacity = 20
    bookings_open = True
    is_published = True


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    status = Registration.Status.CONFIRMED
