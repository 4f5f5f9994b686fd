from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from community.models import Digest


class DigestSitemap(Sitemap):
    """The digest archive and every digest that went out."""

    changefreq = "weekly"

    def items(self):
        return ["archive", *Digest.objects.sent().only("week", "created_at")]

    def location(self, item):
        return reverse("community:digests") if item == "archive" else item.get_absolute_url()

    def lastmod(self, item):
        return None if item == "archive" else item.created_at
