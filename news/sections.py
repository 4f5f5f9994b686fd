"""What news shows on the home page, an edition's page and the editions list."""

from django.db.models import Count

from knowvember.features import Section
from knowvember.lists import first_items
from news.models import Post

HOME_POSTS = 3
ARCHIVE_POSTS = 6


def home_section(campaign, user) -> Section | None:
    """The latest few posts, whatever their edition; nothing until there is news."""
    posts = list(Post.objects.published().listing()[:HOME_POSTS])
    if not posts:
        return None
    return Section("news/_home_section.html", {"latest_posts": posts}, order=35)


def archive_section(campaign, user) -> Section | None:
    """An edition's posts, newest first, then a link to the filtered list."""
    posts, more = first_items(
        Post.objects.published().listing().filter(campaign=campaign), ARCHIVE_POSTS
    )
    if not posts:
        return None
    return Section(
        "news/_archive_section.html",
        {"campaign": campaign, "posts": posts, "more_posts": more},
        order=40,
        title="News",
        anchor="news",
    )


def edition_counts(campaigns) -> dict[int, dict[str, int]]:
    """Published posts per edition, in one query."""
    rows = (
        Post.objects.published()
        .filter(campaign__in=campaigns)
        .order_by()
        .values("campaign")
        .annotate(count=Count("pk"))
    )
    return {row["campaign"]: {"news posts": row["count"]} for row in rows}
