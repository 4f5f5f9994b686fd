"""Markdown to safe HTML for news posts: `markdown` renders, `nh3` sanitises to an allow-list.

What survives: headings, paragraphs, lists, links, emphasis, blockquotes, code, tables and
images stored in our own media. Script, event-handler attributes, `javascript:` links and
images from other sites do not. Links to other sites get rel="noopener noreferrer" and say
so to screen-reader users; links to our own pages are collected so a post can list the
events, sessions and pledges it mentions.
"""

from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown
import nh3
from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils.safestring import SafeString, mark_safe

from knowvember.features import providers

ALLOWED_TAGS = {
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr",
    "ul", "ol", "li", "a", "em", "strong", "blockquote", "code", "pre",
    "table", "thead", "tbody", "tr", "th", "td", "img",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}
VOID_TAGS = {"br", "hr", "img"}
EXTERNAL_NOTE = " (another website)"
# The page's own <h1> is the post's title, so a post's headings start one level down.
HEADING_SHIFT = str.maketrans({"1": "2", "2": "3", "3": "4", "4": "5", "5": "6", "6": "6"})


def _site_host() -> str:
    return urlsplit(settings.SITE_URL).netloc


def own_path(url: str) -> str | None:
    """The path of a link to our own site (relative, or absolute to SITE_URL), else None."""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc == _site_host():
        return parts.path or "/"
    if not parts.scheme and not parts.netloc and parts.path.startswith("/"):
        return parts.path
    return None


def _keep_attribute(element: str, attribute: str, value: str) -> str | None:
    """nh3's per-attribute filter: images only from our own media, nothing else changed."""
    if element == "img" and attribute == "src":
        path = own_path(value)
        media = settings.MEDIA_URL
        if path and path.startswith(media) and ".." not in path:
            return path
        return None
    return value


class _LinkMarker(HTMLParser):
    """Re-serialise sanitised HTML, marking links to other sites and collecting our own."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.internal: list[tuple[str, str]] = []
        self._link: dict | None = None

    def _start(self, tag, attrs, close=False):
        attrs = dict(attrs)
        if tag == "img" and not attrs.get("src"):
            return  # an image from elsewhere, already stripped of its source: drop it
        if tag == "a" and attrs.get("href"):
            href = attrs["href"]
            path = own_path(href)
            external = path is None and urlsplit(href).scheme in ("http", "https")
            if external:
                attrs["rel"] = "noopener noreferrer"
                attrs["class"] = "kv-external-link"
            self._link = {"path": path, "text": [], "external": external}
        if tag.startswith("h") and tag[1:].isdigit():
            tag = tag.translate(HEADING_SHIFT)
        rendered = "".join(
            f' {name}="{escape(value or "", quote=True)}"' for name, value in attrs.items()
        )
        self.out.append(f"<{tag}{rendered}>")

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs)

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:
            return
        if tag == "a" and self._link is not None:
            link, self._link = self._link, None
            if link["external"]:
                self.out.append(f'<span class="nhsuk-u-visually-hidden">{EXTERNAL_NOTE}</span>')
            elif link["path"]:
                self.internal.append((link["path"], " ".join("".join(link["text"]).split())))
        if tag.startswith("h") and tag[1:].isdigit():
            tag = tag.translate(HEADING_SHIFT)
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if self._link is not None:
            self._link["text"].append(data)
        self.out.append(escape(data, quote=False))


@dataclass(frozen=True)
class RenderedMarkdown:
    html: SafeString
    # (path, link text) for every link to a page of our own site, in the order they appear.
    internal_links: list[tuple[str, str]] = field(default_factory=list)


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_attribute,
        url_schemes=URL_SCHEMES,
        link_rel=None,
    )


def render_markdown(text: str) -> RenderedMarkdown:
    """A post's body as HTML safe to put in a page, and the links it makes to our own pages."""
    html = markdown.markdown(
        text or "",
        extensions=["tables", "sane_lists", "fenced_code"],
        extension_configs={"tables": {"use_align_attribute": True}},
        output_format="html",
    )
    marker = _LinkMarker()
    marker.feed(sanitise(html))
    marker.close()
    # An image removed above can leave its paragraph empty.
    clean = "".join(marker.out).replace("<p></p>", "")
    return RenderedMarkdown(html=mark_safe(clean), internal_links=marker.internal)  # noqa: S308


@dataclass(frozen=True)
class RelatedPage:
    kind: str
    title: str
    url: str


def related_pages(internal_links: list[tuple[str, str]], *, exclude: str = "") -> list[RelatedPage]:
    """The events, sessions, pledges and posts a body links to, named by the link's own words.

    A link is related when it resolves to a feature app's detail page; its kind is that app's
    search-result label, asked through the feature contract, so news imports no other app.
    """
    kinds = {config.label: provider().label for config, provider in providers("search")}
    pages, seen = [], {exclude}
    for path, text in internal_links:
        if path in seen:
            continue
        try:
            match = resolve(path)
        except Resolver404:
            continue
        if match.url_name != "detail" or match.app_name not in kinds:
            continue
        seen.add(path)
        pages.append(RelatedPage(kind=kinds[match.app_name], title=text or path, url=path))
    return pages
