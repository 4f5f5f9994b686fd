"""News in site search: published posts only."""

from knowvember.search import SearchSource
from news.models import Post


def search_source() -> SearchSource:
    return SearchSource(
        kind="News",
        queryset=lambda: Post.objects.published(),
        fields={"title": "A", "summary": "B", "body": "C"},
        documents=("search_document",),
        live_fields={},
        to_result=lambda post: {
            "title": post.title,
            "url": post.get_absolute_url(),
            "summary": post.summary,
            "date": post.publish_at,
        },
    )
