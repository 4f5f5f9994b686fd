import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from community.models import ConsentWording, Subscription
from tests.community.factories import (
    ConsentWordingFactory,
    SubscribedFactory,
    SubscriptionFactory,
    UnsubscribedFactory,
)
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:community_subscription_changelist")
EXPORT = reverse("admin:community_subscription_export")


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client


def test_organiser_sees_subscribers_with_their_status(organiser_client):
    SubscribedFactory(email="current@example.nhs.uk")
    SubscriptionFactory(email="waiting@example.nhs.uk")

    html = organiser_client.get(CHANGELIST).content.decode()

    assert "current@example.nhs.uk" in html
    assert "waiting@example.nhs.uk" in html
    assert "Pending confirmation" in html
    assert "Download 1 current subscriber (CSV)" in html


def test_organiser_filters_by_status_and_searches(organiser_client):
    SubscribedFactory(email="current@example.nhs.uk", organisation="Alpha Trust")
    SubscriptionFactory(email="waiting@example.nhs.uk", organisation="Beta Trust")
    UnsubscribedFactory(email="gone@example.nhs.uk", organisation="Alpha Trust")

    filtered = organiser_client.get(CHANGELIST, {"status__exact": "subscribed"})
    searched = organiser_client.get(CHANGELIST, {"q": "Alpha"})

    assert [s.email for s in filtered.context["cl"].result_list] == ["current@example.nhs.uk"]
    assert {s.email for s in searched.context["cl"].result_list} == {
        "current@example.nhs.uk",
        "gone@example.nhs.uk",
    }


def test_organiser_cannot_add_a_subscriber(organiser_client):
    response = organiser_client.get(reverse("admin:community_subscription_add"))

    assert response.status_code == 403
    assert "Add subscription" not in organiser_client.get(CHANGELIST).content.decode()


def test_organiser_cannot_mark_someone_subscribed(organiser_client):
    pending = SubscriptionFactory(email="waiting@example.nhs.uk")
    url = reverse("admin:community_subscription_change", args=[pending.pk])

    page = organiser_client.get(url).content.decode()
    organiser_client.post(url, {"status": "subscribed", "email": "waiting@example.nhs.uk"})

    assert 'name="status"' not in page
    pending.refresh_from_db()
    assert pending.status == Subscription.Status.PENDING
    assert pending.confirmed_at is None


def test_organiser_can_unsubscribe_someone_who_asked(organiser_client):
    member = SubscribedFactory(email="member@example.nhs.uk")

    organiser_client.post(
        CHANGELIST, {"action": "unsubscribe_selected", "_selected_action": [member.pk]}
    )

    member.refresh_from_db()
    assert member.status == Subscription.Status.UNSUBSCRIBED


def test_export_has_only_current_subscribers_with_their_consent_record(organiser_client):
    wording = ConsentWordingFactory(version=7, text="I agree, version seven.")
    region = RegionFactory(name="London", slug="london")
    member = SubscribedFactory(
        email="member@example.nhs.uk",
        name="D. Member",
        role="Knowledge manager",
        region=region,
        consent_wording=wording,
        signup_ip="198.51.100.1",
        confirm_ip="198.51.100.2",
    )
    SubscriptionFactory(email="waiting@example.nhs.uk")
    UnsubscribedFactory(email="gone@example.nhs.uk")

    response = organiser_client.get(EXPORT)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["email"] for row in rows] == ["member@example.nhs.uk"]
    row = rows[0]
    assert row["name"] == "D. Member"
    assert row["role"] == "Knowledge manager"
    assert row["region"] == "London"
    assert row["signup_ip"] == "198.51.100.1"
    assert row["confirm_ip"] == "198.51.100.2"
    assert row["signed_up_at"] == member.signed_up_at.isoformat()
    assert row["confirmed_at"] == member.confirmed_at.isoformat()
    assert row["consent_version"] == "7"
    assert row["consent_wording"] == "I agree, version seven."


def test_export_cells_cannot_run_as_spreadsheet_formulas(organiser_client):
    SubscribedFactory(name='=HYPERLINK("http://evil.example")')

    rows = list(csv.DictReader(io.StringIO(organiser_client.get(EXPORT).content.decode())))

    assert rows[0]["name"].startswith("'=")


def test_export_is_for_organisers_only(client, user):
    client.force_login(user)

    response = client.get(EXPORT)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_consent_wording_someone_agreed_to_cannot_be_changed_or_deleted(organiser_client):
    member = SubscribedFactory()
    wording = member.consent_wording
    url = reverse("admin:community_consentwording_change", args=[wording.pk])

    page = organiser_client.get(url).content.decode()
    organiser_client.post(url, {"version": wording.version, "text": "Rewritten."})
    deleted = organiser_client.post(
        reverse("admin:community_consentwording_delete", args=[wording.pk]), {"post": "yes"}
    )

    assert 'name="text"' not in page
    assert deleted.status_code == 403
    wording.refresh_from_db()
    assert wording.text != "Rewritten."
    wording.text = "Rewritten in the shell."
    with pytest.raises(ValidationError):
        wording.save()


def test_unused_consent_wording_can_still_be_corrected(organiser_client):
    draft = ConsentWordingFactory(version=50, text="Draft with a typo.")
    url = reverse("admin:community_consentwording_change", args=[draft.pk])

    organiser_client.post(url, {"version": 50, "text": "Draft without a typo."})

    draft.refresh_from_db()
    assert draft.text == "Draft without a typo."


def test_new_consent_wording_becomes_the_one_people_see(organiser_client, client):
    SubscribedFactory()
    organiser_client.post(
        reverse("admin:community_consentwording_add"), {"version": 2, "text": "Version two."}
    )
    organiser_client.logout()

    html = client.get(reverse("community:signup")).content.decode()

    assert ConsentWording.objects.current().version == 2
    assert "Version two." in html


def test_consent_wording_list_shows_how_many_people_agreed_to_each(organiser_client):
    SubscribedFactory.create_batch(2)

    response = organiser_client.get(reverse("admin:community_consentwording_changelist"))

    assert response.status_code == 200
    assert response.context["cl"].result_list[0].agreed == 2
