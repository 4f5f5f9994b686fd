from django.contrib.sitemaps import Sitemap

from news.models import Post


class PostSitemap(Sitemap):
    """Published posts."""

    changefreq = "monthly"

    def items(self):
        return Post.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, post):
        return post.updated_at
