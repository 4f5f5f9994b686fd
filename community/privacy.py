"""The mailing-list part of a person's data export and account deletion (see accounts.privacy)."""

from community.models import Subscription


def _iso(value):
    return value.isoformat() if value else None


def export_user_data(user) -> dict:
    """Every subscription linked to the user or one of their verified addresses, with consent."""
    rows = (
        Subscription.objects.for_user(user)
        .select_related("region", "consent_wording", "digest_consent_wording")
        .prefetch_related("consent_events__consent_wording", "consent_events__region")
    )
    return {
        "subscriptions": [
            {
                "email": s.email,
                "name": s.name,
                "role": s.role,
                "organisation": s.organisation,
                "region": s.region.name if s.region else None,
                "status": s.status,
                "signed_up_at": _iso(s.signed_up_at),
                "signup_ip": s.signup_ip,
                "confirmed_at": _iso(s.confirmed_at),
                "confirm_ip": s.confirm_ip,
                "unsubscribed_at": _iso(s.unsubscribed_at),
                "consent_wording_version": s.consent_wording.version,
                "consent_wording": s.consent_wording.text,
                "lessons_digest_since": _iso(s.digest_joined_at),
                "lessons_digest_left_at": _iso(s.digest_left_at),
                "lessons_digest_wording": s.digest_consent_wording.text
                if s.digest_consent_wording
                else None,
                "consent_history": [
                    {
                        "event": event.get_kind_display(),
                        "at": _iso(event.at),
                        "ip": event.ip,
                        "consent_wording_version": event.consent_wording.version,
                        **(
                            {
                                "name": event.name,
                                "role": event.role,
                                "organisation": event.organisation,
                                "region": event.region.name if event.region else None,
                            }
                            if event.kind == event.Kind.SIGNED_UP
                            else {}
                        ),
                    }
                    for event in s.consent_events.all()
                ],
            }
            for s in rows.order_by("email")
        ]
    }


def erase_user_data(user) -> None:
    """Delete the person's subscriptions: the consent record goes with them."""
    Subscription.objects.for_user(user).delete()
