from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from pledges.models import Pledge


class PledgeSitemap(Sitemap):
    """Approved pledges only: pending, rejected and withdrawn ones are never public."""

    changefreq = "monthly"

    def items(self):
        return Pledge.objects.on_wall().select_related(None).only("pk", "updated_at").order_by("pk")

    def lastmod(self, pledge):
        return pledge.updated_at


class PledgePagesSitemap(Sitemap):
    """The pledges pages that are not in the menu."""

    changefreq = "weekly"

    def items(self):
        return ["pledges:stats"]

    def location(self, item):
        return reverse(item)
