from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from knowvember.models import Campaign


class StaticPagesSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return ["home", "accessibility", "privacy", "cookies", "contact"]

    def location(self, item):
        return reverse(item)


class CampaignSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return Campaign.objects.all()


SITEMAPS = {"pages": StaticPagesSitemap, "campaigns": CampaignSitemap}
