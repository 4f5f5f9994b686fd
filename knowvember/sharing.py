"""“Share this”: a suggested social post for a page, and plain links to post it elsewhere.

The text is ours to suggest and the visitor's to copy: no third-party widget or script runs
on our pages, and nothing is sent anywhere until the visitor follows a link.
"""

from urllib.parse import quote, urlencode

CAMPAIGN_HASHTAG = "#KNOWvember"
MAX_POST_LENGTH = 280  # the shortest limit of the big networks (X)
ELLIPSIS = "…"


def share_text(title: str, url: str, *, detail: str = "") -> str:
    """“Title (detail) url #KNOWvember”, shortening the title so the whole fits in 280 characters.

    The link and the hashtag are never cut: a post without them is no use to the campaign.
    """
    title = " ".join(title.split())
    tail = f" {url} {CAMPAIGN_HASHTAG}"
    detail = f" ({' '.join(detail.split())})" if detail else ""
    room = MAX_POST_LENGTH - len(tail)
    if len(title) + len(detail) > room:
        detail = ""
    if len(title) > room:
        title = title[: max(0, room - len(ELLIPSIS))].rstrip() + ELLIPSIS
    return f"{title}{detail}{tail}"


def share_links(text: str, url: str, title: str) -> list[tuple[str, str]]:
    """(network, link) pairs that open each network's own page to post the text: plain links.

    The last is an email to write yourself, which stays on the visitor's own device.
    """
    return [
        ("X (Twitter)", "https://x.com/intent/post?" + urlencode({"text": text})),
        ("Bluesky", "https://bsky.app/intent/compose?" + urlencode({"text": text})),
        ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url})),
        ("email", f"mailto:?subject={quote(title)}&body={quote(text)}"),
    ]
