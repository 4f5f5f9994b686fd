"""{% share_text %} and {% share_this %}: the suggested social post for any public page."""

from django import template
from django.conf import settings

from knowvember import sharing

register = template.Library()


def absolute(url: str) -> str:
    return url if url.startswith(("http://", "https://")) else settings.SITE_URL + url


@register.simple_tag
def share_text(title, url, detail=""):
    """The suggested post for a page: {% share_text event.title event.get_absolute_url %}."""
    return sharing.share_text(str(title), absolute(str(url)), detail=str(detail))


@register.inclusion_tag("includes/share_this.html")
def share_this(title, url, detail="", heading_level=2):
    """The “Share this” panel: the suggested post to copy, and plain links to the networks."""
    link = absolute(str(url))
    text = sharing.share_text(str(title), link, detail=str(detail))
    return {
        "text": text,
        "links": sharing.share_links(text, link, str(title)),
        "heading_level": heading_level,
        "limit": sharing.MAX_POST_LENGTH,
    }
