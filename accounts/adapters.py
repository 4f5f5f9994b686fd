from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils.crypto import get_random_string

from knowvember.ratelimit import client_ip


class AccountAdapter(DefaultAccountAdapter):
    """Site-specific allauth behaviour."""

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
