"""The organisers' admin site: Django's own, with a home page that says what needs doing."""

from django.contrib import admin

from knowvember.models import Campaign
from website.composition import admin_todo


class OrganisersAdminSite(admin.AdminSite):
    """Django's admin, in the campaign's words, opening on the current edition's to-do list.

    The to-do list is composed from every feature app's `admin_todo` (knowvember.features);
    the page is Django's own index template, extended (templates/website/admin/index.html).
    """

    site_header = "KNOWvember organisers"
    site_title = "KNOWvember admin"
    index_title = "Run the campaign"
    index_template = "website/admin/index.html"
    # The model sidebar takes 300 of a 1,280 px screen's width from every list; the home page
    # and the breadcrumbs already lead everywhere.
    enable_nav_sidebar = False

    def index(self, request, extra_context=None):
        campaign = Campaign.objects.current()
        extra_context = {
            "edition": campaign,
            "todo": admin_todo(campaign, request.user),
            **(extra_context or {}),
        }
        return super().index(request, extra_context)
