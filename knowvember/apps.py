from django.apps import AppConfig


class KnowvemberConfig(AppConfig):
    name = "knowvember"
    verbose_name = "Campaign"

    def ready(self):
        from knowvember import checks  # noqa: F401  (registers the system checks)
