from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from events.models import Event
from knowvember.models import Campaign
from pledges.models import Pledge
from showcases.sitemaps import ShowcaseSitemap


class StaticPagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return [
            "home",
            "campaigns",
            "events:list",
            "pledges:wall",
            "pledges:stats",
            "showcases:list",
            "community:signup",
            "accessibility",
            "privacy",
            "cookies",
            "contact",
        ]

    def location(self, item):
        return reverse(item)


class CampaignSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return Campaign.objects.order_by("-year")


class EventSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Event.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, event):
        return event.updated_at


class PledgeSitemap(Sitemap):
    """Approved pledges only: pending, rejected and withdrawn ones are never public."""

    changefreq = "monthly"

    def items(self):
        return Pledge.objects.on_wall().select_related(None).only("pk", "updated_at").order_by("pk")

    def lastmod(self, pledge):
        return pledge.updated_at


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "campaigns": CampaignSitemap,
    "events": EventSitemap,
    "pledges": PledgeSitemap,
    "showcases": ShowcaseSitemap,
}
