"""My KNOWvember: the signed-in person's pledges, with "Did it happen?" once their month is over."""

from django.template.loader import render_to_string

from pledges.models import Pledge, TeamMember


def dashboard_panel(request) -> str:
    pledges = list(
        Pledge.objects.owned_by(request.user)
        .select_related("activity", "campaign")
        .order_by("-created_at")
    )
    memberships = list(
        TeamMember.objects.accepted()
        .filter(user=request.user)
        .exclude(pledge__status=Pledge.Status.WITHDRAWN)
        .select_related("pledge__activity")
        .order_by("-pledge__created_at")
    )
    return render_to_string(
        "pledges/_dashboard.html",
        {
            "pledges": pledges,
            "memberships": memberships,
            "follow_ups": [
                p
                for p in pledges
                if p.status == Pledge.Status.APPROVED and p.target_month_ended and not p.outcome
            ],
        },
        request=request,
    )
