from django.contrib.sitemaps import Sitemap

from showcases.models import Showcase


class ShowcaseSitemap(Sitemap):
    """Published sessions."""

    changefreq = "yearly"

    def items(self):
        return Showcase.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, showcase):
        return showcase.updated_at
