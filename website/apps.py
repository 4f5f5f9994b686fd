from django.apps import AppConfig


class WebsiteConfig(AppConfig):
    """The site layer: composes the feature apps into one site (URLs, home, archive, search)."""

    name = "website"
    verbose_name = "Website"
