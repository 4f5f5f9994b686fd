from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from knowvember.ratelimit import client_ip


class AccountAdapter(DefaultAccountAdapter):
    """Site-specific allauth behaviour."""

    def get_from_email(self):
        return settings.DEFAULT_FROM_EMAIL

    def get_client_ip(self, request):
        """One rule for the client address across allauth and our own rate limits."""
        return client_ip(request) or "unknown"
