"""Markdown from organisers is rendered and sanitised: nothing unsafe reaches a page."""

from html.parser import HTMLParser

import pytest

from news.rendering import related_pages, render_markdown
from tests.events.factories import EventFactory


def html(text):
    return str(render_markdown(text).html)


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def elements(out, tag):
    """The attributes of every `tag` element in the HTML, in order."""
    parser = _Elements()
    parser.feed(out)
    return [attrs for name, attrs in parser.found if name == tag]


def test_script_is_removed_with_its_content():
    out = html("Hello\n\n<script>alert('x')</script>\n\n<p>after<script>steal()</script></p>")
    assert "<script" not in out
    assert "alert" not in out and "steal" not in out
    assert "Hello" in out and "after" in out


def test_javascript_links_lose_their_target():
    out = html('[click me](javascript:alert(1)) and <a href="JaVaScRiPt:alert(2)">me</a>')
    assert "javascript" not in out.lower()
    assert "click me" in out


def test_event_handler_attributes_are_dropped():
    out = html(
        '<img src="/media/news/a.jpg" onerror="alert(1)" alt="A ward">\n\n<p onclick="x()">Hi</p>'
    )
    assert "onerror" not in out and "onclick" not in out and "alert" not in out
    assert elements(out, "img") == [{"src": "/media/news/a.jpg", "alt": "A ward"}]


def test_images_from_other_sites_are_removed_and_our_media_kept(settings):
    settings.SITE_URL = "https://knowvember.example.nhs.uk"
    out = html(
        "![tracker](https://evil.example/pixel.png)\n\n"
        "![data](data:image/png;base64,AAAA)\n\n"
        "![ours](https://knowvember.example.nhs.uk/media/news/ward.jpg)\n\n"
        "![relative](/media/news/team.jpg)\n\n"
        "![escape](/media/../private-media/packs/x)"
    )
    assert "evil.example" not in out and "data:" not in out and "private-media" not in out
    assert elements(out, "img") == [
        {"alt": "ours", "src": "/media/news/ward.jpg"},
        {"alt": "relative", "src": "/media/news/team.jpg"},
    ]
    assert "<p></p>" not in out


def test_links_to_other_sites_get_noopener_and_say_they_leave_the_site(settings):
    settings.SITE_URL = "https://knowvember.example.nhs.uk"
    out = html(
        "Read the [framework](https://www.england.nhs.uk/framework) and our "
        "[events](https://knowvember.example.nhs.uk/events/) and [pledges](/pledges/)."
    )
    assert (
        '<a href="https://www.england.nhs.uk/framework" rel="noopener noreferrer" '
        'class="kv-external-link">framework<span class="nhsuk-u-visually-hidden"> (another '
        "website)</span></a>"
    ) in out
    assert '<a href="https://knowvember.example.nhs.uk/events/">events</a>' in out
    assert '<a href="/pledges/">pledges</a>' in out


def test_author_rel_and_target_attributes_do_not_survive():
    out = html('<a href="/news/" rel="opener" target="_blank" style="color:red">News</a>')
    assert 'rel="opener"' not in out and "target" not in out and "style" not in out


def test_allowed_markup_survives_and_headings_start_below_the_page_title():
    out = html(
        "# Big\n\n## Section\n\n* one\n* two\n\n1. first\n\n> quoted\n\n`code` *em* **strong**\n\n"
        "| a | b |\n|---|:-:|\n| 1 | 2 |\n\n```\nblock\n```"
    )
    for fragment in (
        "<h2>Big</h2>",
        "<h3>Section</h3>",
        "<ul>",
        "<ol>",
        "<blockquote>",
        "<code>code</code>",
        "<em>em</em>",
        "<strong>strong</strong>",
        "<table>",
        '<td align="center">2</td>',
        "<pre><code>block",
    ):
        assert fragment in out
    assert "<h1" not in out


def test_iframes_forms_and_styles_are_stripped():
    out = html(
        '<iframe src="https://evil.example"></iframe><form action="/x"><input></form>'
        "<style>p{}</style>ok"
    )
    assert (
        "<iframe" not in out and "<form" not in out and "<input" not in out and "<style" not in out
    )
    assert "ok" in out


@pytest.mark.django_db
def test_links_to_our_own_pages_are_collected_as_related_pages_with_their_kind(settings):
    settings.SITE_URL = "https://knowvember.example.nhs.uk"
    event = EventFactory(slug="knowledge-cafe")
    rendered = render_markdown(
        f"Come to the [knowledge café]({event.get_absolute_url()}), see the "
        "[recording](https://knowvember.example.nhs.uk/showcases/to-share-is-to-care/), "
        "[a pledge](/pledges/12/), the [wall](/pledges/) and [elsewhere](https://example.org/)."
    )
    pages = related_pages(rendered.internal_links)
    assert [(page.kind, page.title, page.url) for page in pages] == [
        ("Event", "knowledge café", "/events/knowledge-cafe/"),
        ("Session", "recording", "/showcases/to-share-is-to-care/"),
        ("Pledge", "a pledge", "/pledges/12/"),
    ]
