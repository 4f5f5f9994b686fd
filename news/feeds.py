from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from news.models import Post

FEED_SIZE = 20


class PostFeed(Feed):
    """Published posts as Atom: the summary as plain text, and a link to the whole post."""

    feed_type = Atom1Feed
    title = "KNOWvember news"
    subtitle = "News from KNOWvember, the NHS knowledge-mobilisation campaign."

    def link(self):
        return reverse("news:list")

    def items(self):
        return Post.objects.published().listing()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Plain text: the feed generator escapes it, so no markup reaches a reader.
        return item.summary

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.publish_at)

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()] + [item.campaign.name]
