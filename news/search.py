"""News in site search: published posts only."""

from knowvember.search import SearchSource
from news.models import Post


def search_source() -> SearchSource:
    return SearchSource(
        kind="news",
        label="News",
        label_plural="News",
        queryset=lambda: Post.objects.published().select_related("campaign"),
        fields={"title": "A", "summary": "B", "body": "C"},
        documents={"search_document": None},
        names=("title",),
        snippets=("summary", "body"),
        date="publish_at",
        to_result=lambda post: {"url": post.get_absolute_url(), "date": post.publish_at},
    )
