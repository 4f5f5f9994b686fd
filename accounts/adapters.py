import datetime

from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site

from knowvember.emails import kind_of
from knowvember.outbox import GIVE_UP_AFTER, queue_message
from knowvember.ratelimit import client_ip

# allauth's emails that carry a sign-in link or code: hidden from organisers, erased once sent.
SECRET_EMAILS = {
    "email_confirmation",
    "email_confirmation_signup",
    "login_code",
    "password_reset_code",
    "password_reset_key",
}


class AccountAdapter(DefaultAccountAdapter):
    """Site-specific allauth behaviour."""

    def get_from_email(self):
        return settings.DEFAULT_FROM_EMAIL

    def get_client_ip(self, request):
        """One rule for the client address across allauth and our own rate limits."""
        return client_ip(request) or "unknown"

    def send_mail(self, template_prefix, email, context):
        """Queue allauth's emails in the outbox, so sign-up, password reset and sign-in by
        code never wait for (or fail with) the mail server."""
        request = allauth_context.request
        defaults = {"request": request, "email": email, "current_site": get_current_site(request)}
        message = self.render_mail(template_prefix, email, defaults | context)
        name = template_prefix.rsplit("/", 1)[-1]
        user = context.get("user")
        queue_message(
            message,
            kind=kind_of(template_prefix),
            about=user if getattr(user, "pk", None) else None,
            contains_secret=name in SECRET_EMAILS,
            give_up_after=_useful_for(name),
        )


def _useful_for(name: str) -> datetime.timedelta:
    """A code that expires in minutes is not worth retrying for a day."""
    seconds = {
        "login_code": allauth_settings.LOGIN_BY_CODE_TIMEOUT,
        "password_reset_code": allauth_settings.PASSWORD_RESET_BY_CODE_TIMEOUT,
    }.get(name)
    return datetime.timedelta(seconds=seconds) if seconds else GIVE_UP_AFTER
