from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from knowvember.ratelimit import client_ip


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
