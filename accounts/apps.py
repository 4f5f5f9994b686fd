from django.apps import AppConfig

from knowvember.features import Feature


class AccountsConfig(AppConfig):
    """Core: the User model and allauth adapter. Its demo organiser loads after the editions."""

    name = "accounts"
    verbose_name = "Accounts"
    feature = Feature(order=1, demo="accounts.demo.load_demo_data")
