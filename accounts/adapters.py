from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    """Site-specific allauth behaviour: links in emails use the public site URL."""

    def get_from_email(self):
        return settings.DEFAULT_FROM_EMAIL
