"""Requests no view should see are refused before any view runs: NUL bytes."""

import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from community.models import Subscription
from pledges.models import Pledge
from tests.factories import CampaignFactory, RegionFactory
from tests.pledges.factories import ActivityFactory
from tests.pledges.images import png

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=%00",
        "/showcases/?edition=%00",
        "/pledges/new/lessons/?activity=%00",
        "/pledges/?edition=ok&region=%00",
        "/search/?q%00=x",
        "/community/confirm/abc%00def/",
    ],
)
def test_a_nul_byte_in_the_path_or_query_answers_400_in_the_site_layout(client, url):
    response = client.get(url)

    assert response.status_code == 400
    assert "Sorry, there is a problem with your request" in response.content.decode()


def test_a_nul_byte_in_a_form_field_answers_400_and_stores_nothing(client):
    response = client.post(
        reverse("community:signup"),
        {"email": "someone@example.nhs.uk", "name": "A\x00B", "role": "Librarian"},
    )

    assert response.status_code == 400
    assert not Subscription.objects.exists()


def pledge_with_photo(photo):
    activity = ActivityFactory()
    region = RegionFactory()
    return {
        "submission_key": str(uuid.uuid4()),
        "activity": activity.slug,
        "title": "Run a knowledge café",
        "text": "An hour on discharge planning, with tea.",
        "target_month": timezone.localdate().strftime("%Y-%m"),
        "effort": "small",
        "organisation": "Example NHS Foundation Trust",
        "region": str(region.pk),
        "photo_alt": "The team around a table",
        "photo": photo,
    }


def test_uploaded_file_contents_may_hold_nul_bytes(user_client):
    CampaignFactory(is_current=True)
    photo = png("team.png")
    assert b"\x00" in photo.read()
    photo.seek(0)

    response = user_client.post(reverse("pledges:create"), pledge_with_photo(photo))

    assert response.status_code == 302
    assert Pledge.objects.get().photo
