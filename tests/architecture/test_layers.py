"""The layers hold: core imports no feature app, feature apps import no other feature app,
and a feature app that declares a capability it does not provide stops the site from starting."""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.test import override_settings

from knowvember.checks import check_feature_contracts
from knowvember.features import is_feature_app

ROOT = Path(__file__).resolve().parents[2]
CORE_APPS = {"knowvember", "accounts"}


def feature_app_names() -> set[str]:
    return {config.name for config in apps.get_app_configs() if is_feature_app(config)}


def imported_top_level_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    packages = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            packages |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            packages.add(node.module.split(".")[0])
    return packages


def imports_by_module(package: str) -> dict[str, set[str]]:
    return {
        str(path.relative_to(ROOT)): imported_top_level_packages(path)
        for path in (ROOT / package).rglob("*.py")
    }


def test_the_feature_apps_are_found_from_their_app_configs():
    assert {"events", "pledges", "showcases", "community"} <= feature_app_names()
    assert not CORE_APPS & feature_app_names()


def test_core_imports_no_feature_app():
    features = feature_app_names()
    offending = {
        module: sorted(imported & features)
        for package in CORE_APPS
        for module, imported in imports_by_module(package).items()
        if imported & features
    }
    assert offending == {}


def test_feature_apps_import_no_other_feature_app_nor_the_site_layer():
    features = feature_app_names()
    offending = {}
    for feature in features:
        forbidden = (features - {feature}) | {"website"}
        for module, imported in imports_by_module(feature).items():
            if imported & forbidden:
                offending[module] = sorted(imported & forbidden)
    assert offending == {}


def test_the_import_walk_sees_a_real_import():
    """The walk above would pass vacuously if it saw no imports: it sees the site layer's."""
    assert "knowvember" in imports_by_module("website")["website/views.py"]


# run_checks() asks the database which generated columns it supports, so these need it.
@pytest.mark.django_db
def test_a_feature_declaring_what_it_does_not_provide_fails_the_system_check():
    with override_settings(
        INSTALLED_APPS=[
            *(config.name for config in apps.get_app_configs()),
            "tests.architecture.incomplete_feature",
        ]
    ):
        errors = check_feature_contracts(None)
    assert {error.id for error in errors} == {"knowvember.E010", "knowvember.E011"}
    assert any("incomplete_feature.search.search_source" in error.msg for error in errors)
    assert any("incomplete_feature.lessons.approved_between" in error.msg for error in errors)


def test_every_capability_a_feature_can_declare_is_checked_at_start_up():
    from knowvember.checks import _declared_paths
    from knowvember.features import Feature, capability_names

    special = {"urls": ("x/", "nowhere.urls"), "sitemaps": {"x": "nowhere.Sitemap"}}
    for name in set(capability_names()) - {"nav"}:  # a menu link names a URL, not code
        feature = Feature(**{name: special.get(name, "nowhere.thing")})
        assert [capability for capability, _path in _declared_paths(feature)] == [name]


@pytest.mark.django_db
def test_the_real_site_passes_the_contract_check():
    assert check_feature_contracts(None) == []
