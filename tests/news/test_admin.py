"""Organisers write posts in the admin: a live preview, a checked image, the suggested post."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.test import Client
from django.urls import reverse
from PIL import Image

from knowvember import demo as site_demo
from news import demo
from news.models import Post, Tag
from tests.factories import CampaignFactory, UserFactory
from tests.news.factories import PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, organiser):
    client.force_login(organiser)
    return client


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (2400, 1200), (0, 94, 184))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}  # GPS information
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def post_form(campaign, **overrides):
    data = {
        "title": "Running your first after action review",
        "slug": "first-after-action-review",
        "campaign": campaign.pk,
        "summary": "Four questions and twenty minutes.",
        "body": "## The four questions\n\n1. What was supposed to happen?",
        "image_alt": "",
        "tags": [Tag.objects.get(slug="events").pk],
        "status": "published",
        "publish_at_0": "2030-11-03",
        "publish_at_1": "09:00",
    }
    return data | overrides


def test_organiser_publishes_a_scheduled_post_with_a_re_encoded_image(admin_client):
    campaign = CampaignFactory()
    upload = SimpleUploadedFile("team.jpg", jpeg_with_gps(), content_type="image/jpeg")

    response = admin_client.post(
        reverse("admin:news_post_add"),
        post_form(campaign, image=upload, image_alt="The team around a flip chart"),
    )

    assert response.status_code == 302
    post = Post.objects.get(slug="first-after-action-review")
    assert post.is_scheduled and [tag.slug for tag in post.tags.all()] == ["events"]
    assert post.image.name.startswith("news/") and "team" not in post.image.name
    with Image.open(post.image.path) as stored:
        assert max(stored.size) == 1600 and not stored.getexif().get(0x8825)


def test_an_image_without_a_description_is_refused_with_a_message(admin_client):
    upload = SimpleUploadedFile("team.jpg", jpeg_with_gps(), content_type="image/jpeg")

    response = admin_client.post(
        reverse("admin:news_post_add"), post_form(CampaignFactory(), image=upload)
    )

    assert response.status_code == 200  # the admin shows the form again, with the message
    assert "Describe the image for people who cannot see it" in response.content.decode()
    assert not Post.objects.exists()


def test_the_slug_feed_is_refused(admin_client):
    response = admin_client.post(
        reverse("admin:news_post_add"), post_form(CampaignFactory(), slug="feed")
    )

    assert response.status_code == 200
    assert "is used by the site" in response.content.decode()


def test_preview_renders_and_sanitises_what_the_organiser_typed(admin_client):
    response = admin_client.post(
        reverse("admin:news_post_preview"),
        {"body": "## Hello\n\n<script>alert(1)</script>[x](javascript:alert(2))"},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h3>Hello</h3>" in html
    assert "script" not in html and "javascript" not in html


def test_preview_is_for_organisers_only_and_only_by_post(organiser):
    url = reverse("admin:news_post_preview")
    visitor, staff, organiser_client = Client(), Client(), Client()
    staff.force_login(UserFactory(is_staff=True))  # staff without news permissions
    organiser_client.force_login(organiser)

    assert visitor.post(url, {"body": "x"}).status_code == 302  # to the admin sign-in
    assert staff.post(url, {"body": "x"}).status_code == 403
    assert organiser_client.get(url).status_code == 405
    assert organiser_client.post(url, {"body": "x"}).status_code == 200


def test_change_page_has_the_preview_script_and_the_suggested_post(admin_client, settings):
    settings.SITE_URL = "https://knowvember.example.nhs.uk"
    post = PostFactory(title="Knowledge café notes", slug="cafe-notes")

    page = admin_client.get(reverse("admin:news_post_change", args=[post.pk])).content.decode()

    assert "js/news-admin-preview.js" in page
    assert 'data-preview-url="/admin/news/post/preview/"' in page
    assert (
        "Knowledge café notes https://knowvember.example.nhs.uk/news/cafe-notes/ #KNOWvember"
        in page
    )


def test_list_shows_which_posts_are_live_scheduled_or_drafts(admin_client):
    PostFactory(title="Live one")
    PostFactory(title="Draft one", status=Post.Status.DRAFT)

    page = admin_client.get(reverse("admin:news_post_changelist")).content.decode()

    assert "Live" in page and "Draft" in page


def test_demo_loads_the_2018_launch_post_and_this_edition_s_posts_again_and_again():
    command = BaseCommand()
    site_demo.load_demo_data(command)
    demo.load_demo_data(command)
    demo.load_demo_data(command)

    launch = Post.objects.get(slug="introducing-knowvember")
    assert launch.campaign.year == 2018 and launch.is_live
    current = Post.objects.filter(campaign__is_current=True)
    assert current.count() == 3
    assert current.filter(publish_at__gt=launch.updated_at).count() == 1  # one is scheduled
    for post in Post.objects.all():
        words = f"{post.title} {post.summary} {post.body}".lower()
        assert "demo" not in words and "placeholder" not in words and "example" not in words
