import factory
from django.utils import timezone

from community.models import ConsentWording, Subscription


class ConsentWordingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsentWording
        django_get_or_create = ["version"]

    version = factory.Sequence(lambda n: n + 1)
    text = factory.LazyAttribute(lambda o: f"Consent wording version {o.version}.")


class SubscriptionFactory(factory.django.DjangoModelFactory):
    """A pending sign-up; pass status=... and the matching timestamps for others."""

    class Meta:
        model = Subscription

    email = factory.Sequence(lambda n: f"member{n}@example.nhs.uk")
    name = factory.Sequence(lambda n: f"B. Member {n}")
    role = "Knowledge specialist"
    organisation = "Example NHS Foundation Trust"
    consent_wording = factory.LazyFunction(ConsentWording.objects.current)
    signup_ip = "192.0.2.1"
    confirmation_attempted_at = factory.LazyFunction(timezone.now)


class SubscribedFactory(SubscriptionFactory):
    status = Subscription.Status.SUBSCRIBED
    confirmed_at = factory.LazyFunction(timezone.now)
    confirm_ip = "192.0.2.2"


class UnsubscribedFactory(SubscribedFactory):
    status = Subscription.Status.UNSUBSCRIBED
    unsubscribed_at = factory.LazyFunction(timezone.now)
