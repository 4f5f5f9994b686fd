"""The pledges' lessons learned for the weekly lessons digest (the `lessons` capability)."""

from django.conf import settings

from knowvember.features import Lesson
from pledges.models import Pledge, TeamMember


def approved_between(start, end) -> list[Lesson]:
    """Lessons an organiser approved in [start, end) whose pledge is still on the wall: the
    pledge's After Action Review, then team members' own lessons, oldest approval first."""
    pledges = Pledge.objects.with_lessons().filter(
        lessons_moderated_at__gte=start, lessons_moderated_at__lt=end
    )
    members = (
        TeamMember.objects.lessons_approved()
        .filter(
            lesson_moderated_at__gte=start,
            lesson_moderated_at__lt=end,
            pledge__in=Pledge.objects.on_wall(),
        )
        .select_related("pledge__activity")
    )
    reviews = [
        (
            pledge.lessons_moderated_at,
            Lesson(
                title=pledge.title,
                technique=pledge.activity.name,
                parts=(
                    ("What happened", pledge.aar_actual),
                    ("What they would do next time", pledge.aar_next),
                ),
                url=settings.SITE_URL + pledge.get_absolute_url(),
            ),
        )
        for pledge in pledges
    ]
    own_lessons = [
        (
            member.lesson_moderated_at,
            Lesson(
                title=f"{member.pledge.title}: a team member’s lesson",
                technique=member.pledge.activity.name,
                parts=(("What they learned", member.lesson),),
                url=settings.SITE_URL + member.pledge.get_absolute_url(),
            ),
        )
        for member in members
    ]
    return [lesson for _when, lesson in sorted(reviews + own_lessons, key=lambda pair: pair[0])]
