from django.contrib.sitemaps import Sitemap

from events.models import Event


class EventSitemap(Sitemap):
    """Published events."""

    changefreq = "weekly"

    def items(self):
        return Event.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, event):
        return event.updated_at
