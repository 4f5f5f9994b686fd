from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from pledges.models import Pledge


class PledgeFeed(Feed):
    """Approved pledges as Atom, showing only what each pledger agreed to show."""

    feed_type = Atom1Feed
    title = "KNOWvember pledges"
    subtitle = "Knowledge-mobilisation pledges from the NHS KNOWvember pledge wall."

    def link(self):
        return reverse("pledges:wall")

    def items(self):
        return Pledge.objects.on_wall()[:50]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Plain text: the feed generator escapes it, so no pledger HTML reaches a reader.
        parts = [
            item.text,
            f"Technique: {item.activity.name} ({item.activity.get_stage_display()})",
        ]
        if item.region:
            parts.append(f"Region: {item.region.name}")
        if item.public_organisation:
            parts.append(f"Organisation: {item.public_organisation}")
        if item.has_public_lessons:
            parts.append(f"What happened: {item.aar_actual}")
            parts.append(f"Next time: {item.aar_next}")
        return "\n\n".join(parts)

    def item_author_name(self, item):
        return item.public_name or None

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.activity.name, item.campaign.name]
