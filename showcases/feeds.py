from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from showcases.models import Recording


class RecordingsFeed(Feed):
    """Atom feed of published recordings, newest session first."""

    feed_type = Atom1Feed
    title = "KNOWvember showcase recordings"
    subtitle = "Recordings and transcripts of KNOWvember showcase sessions, interviews and chats."

    def link(self):
        return reverse("showcases:list")

    def items(self):
        return (
            Recording.objects.filter(showcase__is_published=True)
            .select_related("showcase__campaign")
            .defer("transcript", "showcase__programme", "showcase__campaign__summary")
            .order_by("-showcase__starts_at")[:50]
        )

    def item_title(self, recording):
        showcase = recording.showcase
        return f"{showcase.campaign.name} {showcase.label}: {showcase.title}"

    def item_description(self, recording):
        return recording.showcase.question

    def item_link(self, recording):
        return recording.showcase.get_absolute_url()

    def item_guid(self, recording):
        return f"recording-{recording.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, recording):
        return recording.showcase.published_at or recording.created_at

    def item_updateddate(self, recording):
        return recording.updated_at

    def item_categories(self, recording):
        return [recording.showcase.campaign.name, recording.showcase.get_kind_display()]
