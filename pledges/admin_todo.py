"""The pledges' lines on the organisers' admin home: decisions waiting."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.http import urlencode

from knowvember.features import TodoItem
from pledges.models import Pledge, TeamMember

Status, LessonsStatus = Pledge.Status, Pledge.LessonsStatus


def todo_items(campaign, user) -> list[TodoItem]:
    """Pledges, lessons learned and team members' own lessons of the edition waiting for an
    organiser (one query)."""
    if not user.has_perm("pledges.view_pledge"):
        return []
    pledges = Pledge.objects.filter(campaign=campaign) if campaign else Pledge.objects.all()
    member_lesson_pending = Q(
        members__status=TeamMember.Status.ACCEPTED,
        members__lesson_status=TeamMember.LessonStatus.PENDING,
    )
    counts = pledges.aggregate(
        pending=Count("pk", filter=Q(status=Status.PENDING), distinct=True),
        lessons=Count("pk", filter=Q(lessons_status=LessonsStatus.PENDING), distinct=True),
        member_lessons=Count("members", filter=member_lesson_pending, distinct=True),
    )
    edition = {"campaign__id__exact": campaign.pk} if campaign else {}
    changelist = reverse("admin:pledges_pledge_changelist")

    def url(**filters):
        return f"{changelist}?{urlencode(filters | edition)}"

    pending, lessons, member_lessons = (
        counts["pending"],
        counts["lessons"],
        counts["member_lessons"],
    )
    members_list = reverse("admin:pledges_teammember_changelist")
    member_filters = {"lesson_status__exact": TeamMember.LessonStatus.PENDING}
    if campaign:
        member_filters["pledge__campaign__id__exact"] = campaign.pk
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
        TodoItem(
            count=member_lessons,
            text=(
                "team member’s own lesson" if member_lessons == 1 else "team members’ own lessons"
            )
            + " waiting for a decision",
            url=f"{members_list}?{urlencode(member_filters)}",
            order=25,
        ),
    ]
