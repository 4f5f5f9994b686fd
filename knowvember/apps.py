from django.apps import AppConfig

from knowvember.features import Feature


class KnowvemberConfig(AppConfig):
    """Core: editions, regions, email, images, rate limits, search, the form pack."""

    name = "knowvember"
    verbose_name = "Campaign"
    feature = Feature(
        order=0,
        search="knowvember.search.campaign_source",
        demo="knowvember.demo.load_demo_data",
        admin_todo="knowvember.admin_todo.todo_items",
    )

    def ready(self):
        from anymail.signals import tracking

        from knowvember import checks  # noqa: F401  (registers the system checks)
        from knowvember.cache import install_write_tracking
        from knowvember.webhooks import record_delivery_report

        tracking.connect(record_delivery_report, dispatch_uid="knowvember.outbox.tracking")
        install_write_tracking()  # Speed (issue 17): writes bump the page cache's versions
