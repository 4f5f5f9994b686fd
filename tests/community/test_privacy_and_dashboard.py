import json

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.privacy import delete_account
from community.dashboard import dashboard_panel
from community.models import Subscription
from community.privacy import erase_user_data, export_user_data
from tests.community.factories import SubscribedFactory, SubscriptionFactory, UnsubscribedFactory

pytestmark = pytest.mark.django_db


def test_export_holds_the_subscription_and_consent_record_for_each_verified_address(user):
    EmailAddress.objects.create(user=user, email="second@example.nhs.uk", verified=True)
    EmailAddress.objects.create(user=user, email="unproven@example.nhs.uk", verified=False)
    SubscribedFactory(email=user.email, signup_ip="198.51.100.1", confirm_ip="198.51.100.2")
    UnsubscribedFactory(email="second@example.nhs.uk")
    SubscriptionFactory(email="unproven@example.nhs.uk")
    SubscriptionFactory(email="someone.else@example.nhs.uk")

    data = export_user_data(user)

    json.dumps(data)  # the account export is one JSON document
    rows = {row["email"]: row for row in data["subscriptions"]}
    assert set(rows) == {user.email, "second@example.nhs.uk"}
    mine = rows[user.email]
    assert mine["status"] == "subscribed"
    assert mine["signup_ip"] == "198.51.100.1"
    assert mine["confirm_ip"] == "198.51.100.2"
    assert mine["confirmed_at"]
    assert mine["consent_wording_version"] == 1
    assert "I agree" in mine["consent_wording"]


def test_export_includes_a_subscription_linked_to_the_account(user):
    SubscriptionFactory(email="old.address@example.nhs.uk", user=user)

    data = export_user_data(user)

    assert [row["email"] for row in data["subscriptions"]] == ["old.address@example.nhs.uk"]


def test_erase_deletes_the_users_subscriptions_and_nobody_elses(user):
    SubscribedFactory(email=user.email)
    SubscriptionFactory(email="linked@example.nhs.uk", user=user)
    SubscribedFactory(email="someone.else@example.nhs.uk")

    erase_user_data(user)

    assert list(Subscription.objects.values_list("email", flat=True)) == [
        "someone.else@example.nhs.uk"
    ]


def test_deleting_an_account_removes_its_subscription(user):
    SubscribedFactory(email=user.email)

    delete_account(user)

    assert Subscription.objects.count() == 0


@pytest.mark.parametrize(
    ("factory", "expected"),
    [
        (None, "Join the community of practice"),
        (SubscriptionFactory, "waiting for you to confirm"),
        (SubscribedFactory, "You are subscribed with"),
        (UnsubscribedFactory, "Join again"),
    ],
)
def test_dashboard_panel_shows_the_subscription_status(
    rf, user, factory, expected, django_assert_num_queries
):
    if factory:
        factory(email=user.email)
    request = rf.get("/my/")
    request.user = user

    with django_assert_num_queries(1):
        html = dashboard_panel(request)

    assert "<h2" in html
    assert expected in html


def test_my_knowvember_shows_the_community_panel_with_a_leave_button(client, user):
    SubscribedFactory(email=user.email)
    client.force_login(user)

    html = client.get(reverse("accounts:dashboard")).content.decode()

    assert "Community of practice mailing list" in html
    assert reverse("community:leave") in html


def test_export_finds_the_login_address_even_without_an_allauth_record(user):
    EmailAddress.objects.filter(user=user).delete()  # as for a createsuperuser account
    SubscribedFactory(email=user.email)

    data = export_user_data(user)

    assert [row["email"] for row in data["subscriptions"]] == [user.email]
