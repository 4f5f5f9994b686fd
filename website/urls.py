"""The site's URLs: its own pages, then every feature app's URLs where its contract mounts them."""

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

import accounts.urls
from knowvember import views as core_views
from knowvember.features import declared_values
from website import views
from website.sitemaps import site_sitemaps

# Organisers sign in through allauth, so the admin shares its rate limits and verification.
admin.site.login = secure_admin_login(admin.site.login)


def page(template_name):
    return TemplateView.as_view(template_name=template_name)


# My KNOWvember: the composed dashboard, then the account's own pages.
my_knowvember = [path("", views.dashboard, name="dashboard"), *accounts.urls.urlpatterns]

urlpatterns = [
    path("", views.home, name="home"),
    path("campaigns/", views.campaign_list, name="campaigns"),
    path("campaigns/", views.campaign_list, name="campaigns"),
    path("campaigns/<slug:slug>/", views.campaign_detail, name="campaign"),
    path("accessibility/", page("knowvember/accessibility.html"), name="accessibility"),
    path("privacy/", page("knowvember/privacy.html"), name="privacy"),
    path("cookies/", page("knowvember/cookies.html"), name="cookies"),
    path("contact/", page("knowvember/contact.html"), name="contact"),
    path("search/", views.search_page, name="search"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("healthz", core_views.healthz, name="healthz"),
    path("sitemap.xml", sitemap, {"sitemaps": site_sitemaps()}, name="sitemap"),
    *(path(prefix, include(urlconf)) for _config, (prefix, urlconf) in declared_values("urls")),
    path("my/", include((my_knowvember, "accounts"))),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    # Outbox (issue 13): delivery reports from a mail service, refused without a secret.
    path("anymail/", include("knowvember.webhooks")),
]

handler400 = "knowvember.views.error_400"
handler403 = "knowvember.views.error_403"
handler404 = "knowvember.views.error_404"
handler500 = "knowvember.views.error_500"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
