"""A person's rights over their data: download everything, or delete it all.

Feature apps hold their own part in the module their contract names as `privacy`
(`export_user_data(user) -> dict`, `erase_user_data(user)`); this module gathers them through
`knowvember.features`, so accounts never imports a feature app.
"""

from allauth.account.models import EmailAddress
from allauth.usersessions.models import UserSession
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from knowvember import outbox
from knowvember.features import providers


def _privacy_modules():
    for config, module in providers("privacy"):
        yield config.label, module


def export_user_data(user) -> dict:
    """Everything the site holds about `user`, as one JSON-serialisable document."""
    data = {
        "exported_at": timezone.now().isoformat(),
        "profile": {
            "email": user.email,
            "name": user.name,
            "job_title": user.job_title,
            "organisation": user.organisation,
            "region": user.region.name if user.region else None,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "sessions": [
            {
                "ip": session.ip,
                "user_agent": session.user_agent,
                "created_at": session.created_at.isoformat(),
                "last_seen_at": session.last_seen_at.isoformat(),
            }
            for session in UserSession.objects.filter(user=user).order_by("created_at")
        ],
    }
    data["emails"] = outbox.export_mail_to(_addresses(user))
    for app, module in _privacy_modules():
        data[app] = module.export_user_data(user)
    return data


def _addresses(user) -> list[str]:
    return [user.email, *EmailAddress.objects.filter(user=user).values_list("email", flat=True)]


def delete_account(user) -> None:
    """Delete or anonymise every row tied to `user`, their files, and end all their sessions."""
    with transaction.atomic():
        for _app, module in _privacy_modules():
            module.erase_user_data(user)
        outbox.erase_mail_to(_addresses(user))
        for session in UserSession.objects.filter(user=user):
            session.end()
        # The admin's history names the person it was about (object_repr is their email).
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(user), object_id=str(user.pk)
        ).delete()
        user.delete()
