"""The pledges' lines on the organisers' admin home: decisions waiting."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.http import urlencode

from knowvember.features import TodoItem
from pledges.models import Pledge

Status, LessonsStatus = Pledge.Status, Pledge.LessonsStatus


def todo_items(campaign, user) -> list[TodoItem]:
    """Pledges and lessons learned of the edition waiting for an organiser (one query)."""
    if not user.has_perm("pledges.view_pledge"):
        return []
    pledges = Pledge.objects.filter(campaign=campaign) if campaign else Pledge.objects.all()
    counts = pledges.aggregate(
        pending=Count("pk", filter=Q(status=Status.PENDING)),
        lessons=Count("pk", filter=Q(lessons_status=LessonsStatus.PENDING)),
    )
    edition = {"campaign__id__exact": campaign.pk} if campaign else {}
    changelist = reverse("admin:pledges_pledge_changelist")

    def url(**filters):
        return f"{changelist}?{urlencode(filters | edition)}"

    pending, lessons = counts["pending"], counts["lessons"]
    return [
        TodoItem(
            count=pending,
            text=f"pledge{'s' if pending != 1 else ''} waiting for a decision",
            url=url(status__exact=Status.PENDING),
            order=10,
        ),
        TodoItem(
            count=lessons,
            text=f"set{'s' if lessons != 1 else ''} of lessons learned waiting for a decision",
            url=url(lessons_status__exact=LessonsStatus.PENDING),
            order=20,
        ),
    ]
