"""The community list's line on the organisers' admin home: who joined this week."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from community.models import Subscription
from knowvember.features import TodoItem

NEW_DAYS = 7  # the admin's "Joined: in the last 7 days" filter shows the same people


def new_since():
    return timezone.now() - datetime.timedelta(days=NEW_DAYS)


def todo_items(campaign, user) -> list[TodoItem]:
    """Subscribers who confirmed in the last 7 days and are still on the list (one query).

    The list is not tied to an edition, so `campaign` plays no part.
    """
    if not user.has_perm("community.view_subscription"):
        return []
    count = Subscription.objects.current().filter(confirmed_at__gte=new_since()).count()
    filters = {"status__exact": Subscription.Status.SUBSCRIBED, "joined": "week"}
    return [
        TodoItem(
            count=count,
            text=f"new subscriber{'s' if count != 1 else ''} in the last {NEW_DAYS} days",
            url=f"{reverse('admin:community_subscription_changelist')}?{urlencode(filters)}",
            order=40,
        )
    ]
