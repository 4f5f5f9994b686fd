"""A pledger's rights over their pledges: a copy of everything, or deletion of everything."""

from django.db import transaction

from pledges import services
from pledges.models import Pledge


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
        ]
    }


def erase_user_data(user) -> None:
    """Delete the user's pledges and photo files, and forget them as a moderator."""
    with transaction.atomic():
        services.pledges_delete(pledges=Pledge.objects.filter(author=user))
        Pledge.objects.filter(moderated_by=user).update(moderated_by=None)
