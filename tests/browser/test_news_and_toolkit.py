"""News and the toolkit in a real browser: axe on every page, the keyboard path to a poster,
and the organisers' live preview."""

import datetime
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from news.models import Post, Tag
from tests.browser.conftest import sign_in, tab_to
from tests.events.factories import EventFactory
from tests.factories import PASSWORD, CampaignFactory, UserFactory
from tests.news.factories import PostFactory

pytestmark = pytest.mark.django_db(transaction=True)


def some_news():
    # Browser tests empty the database between tests, data migrations' rows included.
    for order, name in enumerate(["Events", "Pledges", "Showcases", "Community"]):
        Tag.objects.get_or_create(slug=name.lower(), defaults={"name": name, "order": order})
    edition = CampaignFactory(name="KNOWvember30", slug="knowvember30", is_current=True)
    event = EventFactory(campaign=edition, title="Knowledge café", slug="knowledge-cafe")
    older = PostFactory(
        campaign=edition,
        title="Pledge cards are ready to print",
        publish_at=timezone.now() - datetime.timedelta(days=3),
        tags=["pledges"],
    )
    post = PostFactory(
        campaign=edition,
        title="Running your first after action review",
        slug="first-after-action-review",
        summary="Four questions and twenty minutes.",
        body=(
            "## The four questions\n\n1. What was supposed to happen?\n2. What actually "
            "happened?\n\n> It is not about blame.\n\n"
            f"Book the [knowledge café]({event.get_absolute_url()}) or read the "
            "[framework](https://www.england.nhs.uk/)."
        ),
        tags=["events", "pledges"],
    )
    return edition, post, older


def test_news_list_and_a_post_have_no_accessibility_violations(page, axe):
    _edition, post, older = some_news()

    page.goto("/news/")
    assert page.locator("h1").inner_text() == "News"
    page.get_by_label("Topic").select_option("pledges")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/news/?*tag=pledges*")
    assert page.get_by_role("link", name=older.title).is_visible()
    axe(page)

    page.get_by_role("link", name=post.title).click()
    page.wait_for_url(f"**{post.get_absolute_url()}")
    assert page.get_by_role("heading", name="The four questions").is_visible()
    external = page.get_by_role("link", name="framework (another website)")
    assert external.get_attribute("rel") == "noopener noreferrer"
    assert page.get_by_role("link", name="knowledge café").count() == 2  # body and related
    suggested = page.get_by_label("Suggested post")
    assert suggested.input_value().endswith(f"{post.get_absolute_url()} #KNOWvember")
    assert page.get_by_role("button", name="Copy the post").is_visible()
    axe(page)


def test_toolkit_has_no_accessibility_violations_and_a_poster_downloads_by_keyboard(page, axe):
    CampaignFactory(name="KNOWvember30", slug="knowvember30", is_current=True)

    page.goto("/toolkit/")
    assert page.locator("h1").inner_text() == "KNOWvember30 toolkit"
    page.locator("img.kv-toolkit-logo").first.wait_for()
    axe(page)

    tab_to(page, "a[data-download=poster]")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    download = download_info.value

    assert download.suggested_filename == "knowvember30-poster.pdf"
    reader = PdfReader(io.BytesIO(open(download.path(), "rb").read()))  # noqa: SIM115
    assert "What will you pledge?" in reader.pages[0].extract_text()


def test_organiser_sees_the_post_body_rendered_as_they_type(page):
    CampaignFactory(is_current=True)
    # The Organisers group comes from a data migration, which browser tests do not keep.
    sign_in(page, UserFactory(is_staff=True, is_superuser=True), PASSWORD)

    page.goto("/admin/news/post/add/")
    tab_to(page, "#id_body")
    page.keyboard.type("## What we learned\n\n<script>alert(1)</script>Keep it *short*.")

    preview = page.locator("[data-news-preview-body]")
    preview.locator("h3", has_text="What we learned").wait_for()
    assert preview.locator("em").inner_text() == "short"
    assert preview.locator("script").count() == 0

    tab_to(page, "[data-news-preview-button]")  # the preview can be refreshed by keyboard too
    page.keyboard.press("Enter")
    preview.locator("h3", has_text="What we learned").wait_for()
    assert not Post.objects.exists()
