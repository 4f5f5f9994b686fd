import io

import pytest
from django.core.management.base import BaseCommand
from django.urls import reverse

from community.demo import load_demo_data
from community.models import DEFAULT_CONSENT_WORDING, ConsentWording, Subscription
from tests.community.factories import SubscribedFactory, SubscriptionFactory
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [1, 3])
def test_signup_page_queries_do_not_grow_with_subscribers(
    client, wording, count, django_assert_num_queries
):
    SubscribedFactory.create_batch(count)
    RegionFactory.create_batch(count)

    with django_assert_num_queries(3):  # the list's and the digest's wordings, regions
        response = client.get(reverse("community:signup"))

    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_signup_page_for_a_signed_in_person_has_a_fixed_query_count(
    client, user, wording, count, django_assert_num_queries
):
    SubscribedFactory.create_batch(count)
    SubscriptionFactory(email=user.email)
    client.force_login(user)

    # session, user, the two wordings, their subscription, regions
    with django_assert_num_queries(6):
        response = client.get(reverse("community:signup"))

    assert "to finish joining" in response.content.decode()


def test_a_site_without_any_wording_starts_with_the_default(client):
    ConsentWording.objects.all().delete()

    html = client.get(reverse("community:signup")).content.decode()

    assert ConsentWording.objects.get(kind="list").text == DEFAULT_CONSENT_WORDING
    assert "does not share my address with anyone else" in html


def test_demo_data_is_safe_to_load_twice():
    RegionFactory(name="North West", slug="north-west")
    command = BaseCommand(stdout=io.StringIO())

    load_demo_data(command)
    load_demo_data(command)

    assert ConsentWording.objects.filter(kind="list").count() == 1
    subscriptions = Subscription.objects.all()
    assert subscriptions.count() == 6
    assert subscriptions.filter(status=Subscription.Status.UNSUBSCRIBED).count() == 1
    assert all(s.email.endswith("@example.nhs.uk") for s in subscriptions)
    first = subscriptions.order_by("signed_up_at").first()
    assert first.signed_up_at.year == 2018 and first.signed_up_at.month == 11
    assert first.region.slug == "north-west"
    assert not subscriptions.filter(name__regex=r"^[A-Z]\. ").exists()
