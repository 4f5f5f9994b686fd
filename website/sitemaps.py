"""The sitemap: the site's own pages and editions, plus every feature's declared sitemaps."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from knowvember.features import declared_values, resolve
from knowvember.models import Campaign

SITE_PAGES = ["home", "campaigns", "accessibility", "privacy", "cookies", "contact"]


class PagesSitemap(Sitemap):
    """The site's own pages and each feature's menu page."""

    changefreq = "weekly"

    def items(self):
        return SITE_PAGES + [nav.url_name for _config, nav in declared_values("nav")]

    def location(self, item):
        return reverse(item)


class CampaignSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return Campaign.objects.order_by("-year")


def site_sitemaps() -> dict:
    sitemaps = {"pages": PagesSitemap, "campaigns": CampaignSitemap}
    for _config, declared in declared_values("sitemaps"):
        sitemaps |= {name: resolve(path) for name, path in declared.items()}
    return sitemaps
