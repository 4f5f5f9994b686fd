from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from knowvember.models import Campaign


class ToolkitSitemap(Sitemap):
    """Each edition's toolkit page (the current one is /toolkit/, listed with the menu)."""

    changefreq = "yearly"

    def items(self):
        return Campaign.objects.order_by("-year").only("slug")

    def location(self, campaign):
        return reverse("toolkit:edition", kwargs={"edition": campaign.slug})
