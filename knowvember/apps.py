from django.apps import AppConfig


class KnowvemberConfig(AppConfig):
    name = "knowvember"
    verbose_name = "Campaign"

    def ready(self):
        from anymail.signals import tracking

        from knowvember import checks  # noqa: F401  (registers the system checks)
        from knowvember.webhooks import record_delivery_report

        tracking.connect(record_delivery_report, dispatch_uid="knowvember.outbox.tracking")
