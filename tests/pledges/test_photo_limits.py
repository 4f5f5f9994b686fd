"""Decoding photos costs the server time and memory: it is bounded, counted and done last."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from knowvember import images
from pledges.models import Pledge
from tests.factories import CampaignFactory, RegionFactory, UserFactory
from tests.pledges.factories import ActivityFactory, PledgeFactory
from tests.pledges.images import large_png, png, png_header_only

pytestmark = pytest.mark.django_db

CREATE = "/pledges/new/"
NOT_READABLE = "not a photo we can read"
TOO_MANY_PIXELS = "too large in pixels"


@pytest.fixture
def pledge_data(time_machine):
    time_machine.move_to("2026-10-20 10:00 +01:00")
    CampaignFactory(is_current=True)
    activity = ActivityFactory()
    region = RegionFactory()

    def make(**overrides):
        return {
            "submission_key": str(uuid.uuid4()),
            "activity": activity.slug,
            "title": "Run a knowledge café",
            "text": "An hour on discharge planning, with tea.",
            "target_month": "2026-11",
            "effort": "small",
            "organisation": "Example NHS Foundation Trust",
            "region": str(region.pk),
            "photo_alt": "The team around a table",
        } | overrides

    return make


def corrupt_photo():
    return SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n not really", "image/png")


def test_a_photo_over_24_megapixels_is_refused(user_client, pledge_data):
    upload = large_png((6000, 4500))  # 27 Mpx, a few KB
    assert upload.size < 120_000

    response = user_client.post(CREATE, pledge_data(photo=upload))

    assert response.status_code == 400
    assert TOO_MANY_PIXELS in response.content.decode()
    assert not Pledge.objects.exists()


def test_pixels_are_counted_from_the_header_before_anything_is_decoded(user_client, pledge_data):
    response = user_client.post(CREATE, pledge_data(photo=png_header_only((6000, 4500))))

    # Decoding this file would fail as unreadable; it is refused for its size first.
    assert TOO_MANY_PIXELS in response.content.decode()
    assert NOT_READABLE not in response.content.decode()


def test_a_phone_sized_photo_is_still_welcome(user_client, pledge_data):
    response = user_client.post(CREATE, pledge_data(photo=large_png((4000, 6000))))  # 24 Mpx

    assert response.status_code == 302
    assert Pledge.objects.get().photo


@pytest.mark.parametrize(
    "mistake", [{"title": ""}, {"photo_alt": ""}, {"region": ""}], ids=["title", "alt", "region"]
)
def test_the_photo_is_decoded_only_once_the_other_fields_are_right(
    user_client, pledge_data, mistake
):
    response = user_client.post(CREATE, pledge_data(photo=corrupt_photo(), **mistake))

    page = response.content.decode()
    assert response.status_code == 400
    assert NOT_READABLE not in page  # the photo was never opened

    fixed = user_client.post(CREATE, pledge_data(photo=corrupt_photo()))

    assert NOT_READABLE in fixed.content.decode()


def test_every_upload_attempt_counts_against_the_account(user_client, pledge_data, monkeypatch):
    monkeypatch.setattr(images, "PHOTO_UPLOADS_PER_ACCOUNT", 3)

    statuses = [
        user_client.post(CREATE, pledge_data(photo=corrupt_photo(), title="")).status_code
        for _ in range(4)
    ]
    valid = user_client.post(CREATE, pledge_data(photo=png()))

    assert statuses == [400, 400, 400, 429]
    assert valid.status_code == 429
    assert not Pledge.objects.exists()
    assert user_client.post(CREATE, pledge_data()).status_code == 302  # no photo, no decode


def test_upload_attempts_on_the_edit_page_count_too(user_client, user, monkeypatch):
    monkeypatch.setattr(images, "PHOTO_UPLOADS_PER_ACCOUNT", 2)
    pledge = PledgeFactory(author=user)
    edit = reverse("pledges:edit", args=[pledge.pk])

    statuses = [
        user_client.post(edit, {"photo": corrupt_photo(), "title": ""}).status_code
        for _ in range(3)
    ]

    assert statuses == [400, 400, 429]


def test_every_upload_attempt_counts_against_the_address(client, pledge_data, monkeypatch):
    monkeypatch.setattr(images, "PHOTO_UPLOADS_PER_ADDRESS", 3)
    statuses = []

    for _ in range(4):
        client.force_login(UserFactory())
        response = client.post(CREATE, pledge_data(photo=corrupt_photo()), REMOTE_ADDR="192.0.2.8")
        statuses.append(response.status_code)

    assert statuses == [400, 400, 400, 429]
