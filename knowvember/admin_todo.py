"""The outbox's line on the organisers' admin home: emails that have not gone."""

from django.urls import reverse
from django.utils.http import urlencode

from knowvember.features import TodoItem
from knowvember.models import OutboundEmail
from knowvember.outbox import failed_count


def todo_items(campaign, user) -> list[TodoItem]:
    """Failing and given-up emails (one query), linked to the outbox list showing just those.

    Mail is not tied to an edition, so `campaign` plays no part.
    """
    if not user.has_perm("knowvember.view_outboundemail"):
        return []
    count = failed_count()
    statuses = ",".join([OutboundEmail.Status.FAILED, OutboundEmail.Status.GIVEN_UP])
    return [
        TodoItem(
            count=count,
            text=f"email{'s' if count != 1 else ''} not sent (failing or given up)",
            url=f"{reverse('admin:knowvember_outboundemail_changelist')}?"
            + urlencode({"status__in": statuses}),
            order=50,
        )
    ]
