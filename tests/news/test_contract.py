"""News and the toolkit join the site only through their Feature: the site layer finds them."""

from django.apps import apps
from django.urls import reverse

from knowvember.features import declared_values, is_feature_app, providers


def test_news_and_toolkit_are_feature_apps_with_menu_links_and_urls():
    for label in ("news", "toolkit"):
        assert is_feature_app(apps.get_app_config(label))
    menu = {nav.label: nav.url_name for _config, nav in declared_values("nav")}
    assert menu["News"] == "news:list" and menu["Toolkit"] == "toolkit:index"
    assert reverse("news:list") == "/news/" and reverse("toolkit:index") == "/toolkit/"


def test_the_site_layer_asks_news_and_toolkit_for_their_capabilities():
    def labels(capability):
        return {config.label for config, _provider in providers(capability)}

    assert {"news"} <= labels("search") & labels("home") & labels("edition_counts")
    assert {"news", "toolkit"} <= labels("archive") & labels("demo")
    sitemaps = {config.label for config, _declared in declared_values("sitemaps")}
    assert {"news", "toolkit"} <= sitemaps
