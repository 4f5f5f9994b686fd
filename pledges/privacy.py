"""A pledger's rights over their pledges: a copy of everything, or deletion of everything."""

from allauth.account.models import EmailAddress
from django.db import transaction

from pledges import services
from pledges.models import Pledge, TeamMember


def _iso(value):
    return value.isoformat() if value else None


def export_user_data(user) -> dict:
    """Every pledge the user made, in any state, with moderation and follow-up details."""
    pledges = (
        Pledge.objects.filter(author=user)
        .select_related("campaign", "activity", "region")
        .order_by("created_at")
    )
    return {
        "pledges": [
            {
                "id": pledge.pk,
                "edition": pledge.campaign.name,
                "technique": pledge.activity.name,
                "title": pledge.title,
                "text": pledge.text,
                "target_month": pledge.target_month.strftime("%Y-%m"),
                "effort": pledge.effort,
                "organisation": pledge.organisation,
                "region": pledge.region.name if pledge.region else None,
                "photo_url": pledge.photo.url if pledge.photo else None,
                "photo_thumbnail_url": pledge.photo_thumbnail.url
                if pledge.photo_thumbnail
                else None,
                "photo_description": pledge.photo_alt,
                "show_name": pledge.show_name,
                "show_organisation": pledge.show_organisation,
                "show_photo": pledge.show_photo,
                "status": pledge.status,
                "rejection_reason": pledge.rejection_reason,
                "moderated_at": _iso(pledge.moderated_at),
                "created_at": _iso(pledge.created_at),
                "updated_at": _iso(pledge.updated_at),
                "follow_up": {
                    "emailed_at": _iso(pledge.follow_up_emailed_at),
                    "outcome": pledge.outcome or None,
                    "what_was_supposed_to_happen": pledge.aar_planned,
                    "what_actually_happened": pledge.aar_actual,
                    "why_the_difference": pledge.aar_difference,
                    "what_next": pledge.aar_next,
                    "lessons_status": pledge.lessons_status or None,
                    "lessons_rejection_reason": pledge.lessons_rejection_reason,
                    "lessons_submitted_at": _iso(pledge.lessons_submitted_at),
                },
            }
            for pledge in pledges
        ],
        "team_memberships": [
            {
                "team": member.pledge.team_name,
                "pledge": member.pledge.title,
                "joined_at": _iso(member.responded_at),
                "show_name": member.show_name,
                "show_organisation": member.show_organisation,
                "lesson": member.lesson,
                "lesson_status": member.lesson_status or None,
            }
            for member in TeamMember.objects.filter(user=user)
            .select_related("pledge")
            .order_by("responded_at")
        ],
        "team_invitations_to_you": [
            {"team": member.pledge.team_name, "invited_at": _iso(member.invited_at)}
            for member in _invitations_to(user).select_related("pledge")
        ],
    }


def _invitations_to(user):
    addresses = {user.email.lower()} | {
        e.lower() for e in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    }
    return TeamMember.objects.awaiting_answer().filter(email__in=addresses)


def erase_user_data(user) -> None:
    """Delete the user's pledges and photo files, take them out of every team (a team pledge
    they made passes to the rest of the team), and forget them as a moderator."""
    with transaction.atomic():
        for pledge in Pledge.objects.filter(author=user).exclude(team_name=""):
            services.team_member_leave(pledge=pledge, user=user)
        for pledge in Pledge.objects.filter(members__user=user).distinct():
            services.team_member_leave(pledge=pledge, user=user)
        services.team_invitations_forget(invitations=_invitations_to(user))
        services.pledges_delete(pledges=Pledge.objects.filter(author=user))
        Pledge.objects.filter(moderated_by=user).update(moderated_by=None)
