import datetime

from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.sites.shortcuts import get_current_site
from django.utils.crypto import get_random_string

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

    # allauth's messages in NHS.UK style: say what happened and what to do, no "Please".
    error_messages = DefaultAccountAdapter.error_messages | {
        "account_inactive": "This account is not active",
        "cannot_remove_primary_email": "You cannot remove your main email address",
        "duplicate_email": "This email address is already on your account",
        "email_password_mismatch": "The email address or password is not right",
        "email_taken": "An account already uses this email address",
        "enter_current_password": "Enter your current password",
        "incorrect_code": "The code is not right. Check the email and enter it again",
        "incorrect_password": "The password is not right",
        "invalid_or_expired_key": "This link has expired or has already been used",
        "invalid_password_reset": "This link has expired or has already been used",
        "max_email_addresses": "You cannot add more than %d email addresses",
        "select_only_one": "Select only one",
        "same_as_current": "Enter something different from what you have now",
        "too_many_login_attempts": (
            "Too many failed attempts to sign in. Wait a few minutes, then try again"
        ),
        "rate_limited": "You have asked too many times. Wait a few minutes, then try again",
        "unknown_email": "There is no account with this email address",
        "unverified_primary_email": "Confirm your main email address first",
    }

    def get_from_email(self):
        return settings.DEFAULT_FROM_EMAIL

    def get_client_ip(self, request):
        """One rule for the client address across allauth and our own rate limits."""
        return client_ip(request) or "unknown"

    def send_account_already_exists_mail(self, email):
        """Sign-up with a taken address: do the password hashing a new account would do.

        Creating an account hashes its password, which takes most of the request's time; without
        the same work here, a fast answer would tell anyone that the address has an account.
        """
        make_password(get_random_string(32))
        super().send_account_already_exists_mail(email)

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
