from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class WebsiteConfig(AppConfig):
    """The site layer: composes the feature apps into one site (URLs, home, archive, search)."""

    name = "website"
    verbose_name = "Website"


class OrganisersAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin, with the organisers' site (website.admin) as `admin.site`.

    Named in INSTALLED_APPS in place of "django.contrib.admin".
    """

    default_site = "website.admin.OrganisersAdminSite"
    default = False  # "website" itself still means WebsiteConfig
