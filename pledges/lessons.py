"""The pledges' lessons learned for the weekly lessons digest (the `lessons` capability)."""

from django.conf import settings

from knowvember.features import Lesson
from pledges.models import Pledge


def approved_between(start, end) -> list[Lesson]:
    """After Action Reviews an organiser approved in [start, end) that are still on the wall."""
    pledges = (
        Pledge.objects.with_lessons()
        .filter(lessons_moderated_at__gte=start, lessons_moderated_at__lt=end)
        .order_by("lessons_moderated_at", "pk")
    )
    return [
        Lesson(
            title=pledge.title,
            technique=pledge.activity.name,
            what_happened=pledge.aar_actual,
            next_time=pledge.aar_next,
            url=settings.SITE_URL + pledge.get_absolute_url(),
        )
        for pledge in pledges
    ]
