"""What visitors see of the news: the list, a post, scheduled posts, the feed, search and the
composed pages."""

import datetime
import io
import xml.etree.ElementTree as ET

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from news.models import Post
from tests.composed import section_value
from tests.factories import CampaignFactory
from tests.news.factories import PostFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize("count", [1, 3])
def test_news_list_shows_published_posts_newest_first_in_fixed_queries(
    client, count, django_assert_num_queries
):
    now = timezone.now()
    for days in range(count):
        PostFactory(title=f"Post {days}", publish_at=now - datetime.timedelta(days=days + 1))
    PostFactory(title="Still a draft", status=Post.Status.DRAFT)
    PostFactory(title="Not yet", publish_at=now + datetime.timedelta(days=1))

    # The filter form's choices (tags, editions), the count, the page, the posts' tags.
    with django_assert_num_queries(5):
        response = client.get(reverse("news:list"))

    titles = [post.title for post in response.context["posts"]]
    assert titles == [f"Post {days}" for days in range(count)]
    page = response.content.decode()
    assert "Still a draft" not in page and "Not yet" not in page


def test_news_list_filters_by_topic_and_edition(client):
    edition = CampaignFactory(slug="knowvember30")
    PostFactory(title="About events", tags=["events"], campaign=edition)
    PostFactory(title="About pledges", tags=["pledges"], campaign=edition)
    PostFactory(title="Events elsewhere", tags=["events"])

    response = client.get(reverse("news:list"), {"tag": "events", "edition": "knowvember30"})

    assert [post.title for post in response.context["posts"]] == ["About events"]
    assert "1 post match your filters" in response.content.decode()


def test_news_list_answers_an_unknown_topic_with_a_clear_400(client):
    response = client.get(reverse("news:list"), {"tag": "<script>"})

    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_news_list_paginates(client):
    now = timezone.now()
    for n in range(12):
        PostFactory(publish_at=now - datetime.timedelta(hours=n + 1))

    response = client.get(reverse("news:list"), {"page": 2})

    assert len(response.context["posts"]) == 2
    assert 'aria-current="page"' in response.content.decode()


def test_a_scheduled_post_appears_at_its_publish_time_and_not_before(client, django_user_model):
    publish_at = datetime.datetime(2030, 11, 3, 9, 0, tzinfo=datetime.UTC)
    post = PostFactory(title="Chat on Tuesday", slug="chat-on-tuesday", publish_at=publish_at)
    with time_machine.travel(publish_at - datetime.timedelta(minutes=1), tick=False):
        assert client.get(post.get_absolute_url()).status_code == 404
        assert "Chat on Tuesday" not in client.get(reverse("news:list")).content.decode()
        assert "Chat on Tuesday" not in client.get(reverse("news:feed")).content.decode()
        assert client.get(reverse("news:share-image", args=[post.slug])).status_code == 404

    with time_machine.travel(publish_at + datetime.timedelta(minutes=1), tick=False):
        assert client.get(post.get_absolute_url()).status_code == 200
        assert "Chat on Tuesday" in client.get(reverse("news:list")).content.decode()
        assert "Chat on Tuesday" in client.get(reverse("news:feed")).content.decode()


def test_organisers_preview_drafts_and_scheduled_posts_marked_as_not_live(client, organiser):
    draft = PostFactory(title="Work in progress", status=Post.Status.DRAFT)
    client.force_login(organiser)

    response = client.get(draft.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    assert "This post is a draft. Only organisers can see this page." in page
    assert '<meta name="robots" content="noindex">' in page
    assert "Share this" not in page


def test_a_post_shows_its_date_edition_body_related_pages_and_neighbours(client, settings):
    settings.SITE_URL = "https://knowvember.example.nhs.uk"
    edition = CampaignFactory(name="KNOWvember30", slug="knowvember30")
    older = PostFactory(title="The older post", publish_at=timezone.now() - datetime.timedelta(3))
    post = PostFactory(
        title="Knowledge café",
        campaign=edition,
        publish_at=timezone.now() - datetime.timedelta(days=2),
        body="Book the [café](/events/knowledge-cafe/) and watch "
        "[to share is to care](/showcases/to-share-is-to-care/).",
        tags=["events"],
    )
    newer = PostFactory(title="The newer post", publish_at=timezone.now() - datetime.timedelta(1))

    response = client.get(post.get_absolute_url())

    page = response.content.decode()
    assert '<a href="/campaigns/knowvember30/">KNOWvember30</a>' in page
    assert '<a href="/events/knowledge-cafe/">café</a> (Event)' in page
    assert "to share is to care</a> (Session)" in page
    assert response.context["older"] == older and response.context["newer"] == newer
    assert 'property="og:image" content="https://knowvember.example.nhs.uk/news/' in page
    assert "#KNOWvember" in page and "https://knowvember.example.nhs.uk/news/" in page


def test_the_post_date_is_written_the_uk_way(client):
    post = PostFactory(publish_at=datetime.datetime(2018, 10, 1, 8, tzinfo=datetime.UTC))

    page = client.get(post.get_absolute_url()).content.decode()

    assert "Monday 1 October 2018" in page


def test_share_image_is_a_1200_by_630_png(client):
    post = PostFactory()

    response = client.get(reverse("news:share-image", args=[post.slug]))

    assert response["Content-Type"] == "image/png"
    with Image.open(io.BytesIO(response.content)) as image:
        assert image.size == (1200, 630)


def test_feed_is_atom_with_published_posts_and_their_summaries(client):
    PostFactory(title="In the feed", summary="A summary with <b>markup</b>.", tags=["events"])
    PostFactory(title="Draft", status=Post.Status.DRAFT)

    response = client.get(reverse("news:feed"))

    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    entries = root.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["In the feed"]
    assert entries[0].findtext(f"{ATOM}summary") == "A summary with <b>markup</b>."
    assert {c.get("term") for c in entries[0].findall(f"{ATOM}category")} >= {"Events"}


def test_published_posts_are_found_by_site_search_and_drafts_are_not(client):
    PostFactory(title="Randomised coffee trials", body="Meet someone new over coffee.")
    PostFactory(title="Coffee draft", status=Post.Status.DRAFT, body="coffee")

    response = client.get(reverse("search"), {"q": "coffee"})

    results = [(r.kind, r.title) for r in response.context["results"]]
    assert results == [("news", "Randomised coffee trials")]


def test_sitemap_lists_published_posts_and_toolkit_pages(client):
    post = PostFactory()
    draft = PostFactory(status=Post.Status.DRAFT)

    page = client.get(reverse("sitemap")).content.decode()

    assert post.get_absolute_url() in page and draft.get_absolute_url() not in page
    assert "/news/</loc>" in page


def test_home_page_and_edition_archive_show_the_news(client):
    edition = CampaignFactory(is_current=True)
    post = PostFactory(campaign=edition, title="This year's campaign starts")
    PostFactory(campaign=edition, title="Draft news", status=Post.Status.DRAFT)

    home = client.get(reverse("home"))
    archive = client.get(edition.get_absolute_url())

    assert section_value(home, "latest_posts") == [post]
    assert section_value(archive, "posts") == [post]
    assert 'href="#news">News</a>' in archive.content.decode()


def test_edition_counts_include_published_posts():
    from website.composition import edition_counts

    edition = CampaignFactory()
    PostFactory.create_batch(2, campaign=edition)
    PostFactory(campaign=edition, status=Post.Status.DRAFT)

    assert edition_counts([edition])[edition.pk]["news posts"] == 2
