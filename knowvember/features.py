"""The one contract between the site and its feature apps.

A feature app (events, pledges, …) says what it contributes by setting `feature = Feature(...)`
on its AppConfig, each capability a dotted path to the code that provides it. The site layer
(`website/`) and the privacy tools find them with `providers("search")` and so never name a
feature app. A declared path that does not import is an error at start-up (see `checks.py`),
and a module with a capability's conventional name that is not declared is a warning, so nothing
is skipped silently.

Adding a feature app: add it to INSTALLED_APPS and fill in its `Feature`; see the README.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from typing import Any

from django.apps import AppConfig, apps
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class NavLink:
    """A link in the site's header menu: its label and URL name."""

    label: str
    url_name: str
    order: int = 100


@dataclass(frozen=True)
class Feature:
    """What one feature app contributes to the site. Every value is a dotted import path.

    - urls: (prefix, urlconf module), mounted at the root, e.g. ("events/", "events.urls")
    - nav: a `NavLink` in the header menu
    - search: callable() -> `knowvember.search.SearchSource`
    - home: callable(campaign, user) -> `Section` or None, for the home page
    - archive: callable(campaign, user) -> `Section` or None, for an edition's page
    - edition_counts: callable(campaigns) -> {campaign pk: {singular noun: count}}, for the
      editions list ("event": 4 reads "4 events")
    - dashboard: callable(request) -> HTML, a panel in My KNOWvember
    - privacy: a module with `export_user_data(user) -> dict` and `erase_user_data(user)`
    - demo: callable(command) that loads demo content, idempotently
    - sitemaps: {name: dotted path of a Sitemap class}
    - admin_todo: callable(campaign, user) -> list of `TodoItem`, for the organisers' admin home
    - lessons: callable(start, end) -> list of `Lesson`: lessons learned that an organiser
      approved from `start` (inclusive) to `end` (exclusive), still published, oldest first;
      for the weekly lessons digest
    """

    urls: tuple[str, str] | None = None
    nav: NavLink | None = None
    search: str | None = None
    home: str | None = None
    archive: str | None = None
    edition_counts: str | None = None
    dashboard: str | None = None
    privacy: str | None = None
    demo: str | None = None
    sitemaps: dict[str, str] = field(default_factory=dict)
    admin_todo: str | None = None
    lessons: str | None = None
    order: int = 100


# The module each capability conventionally lives in, so an undeclared one can be noticed.
CONVENTIONAL_MODULES = {
    "search": "search",
    "dashboard": "dashboard",
    "privacy": "privacy",
    "demo": "demo",
    "sitemaps": "sitemaps",
    "admin_todo": "admin_todo",
    "lessons": "lessons",
}
# Capabilities that name a module rather than a callable, with what the module must define.
MODULE_CAPABILITIES = {"privacy": ("export_user_data", "erase_user_data")}


class FeatureAppConfig(AppConfig):
    """Base for the campaign's feature apps: they may depend on core, never on each other."""

    feature: Feature = Feature()
    # Django picks the one AppConfig in an apps.py that is not default=False: this base, imported
    # there, must never be picked, and the app's own subclass always is.
    default = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.default = True


@dataclass(frozen=True)
class Section:
    """A part of a composed page (home, edition archive) that one feature renders itself."""

    template_name: str
    context: dict[str, Any]
    order: int = 100
    # "lead" sections sit under the page's heading; "main" ones follow in order.
    slot: str = "main"
    # For a page's "On this page" list: the section's heading and the id of that heading.
    title: str = ""
    anchor: str = ""


@dataclass(frozen=True)
class TodoDetail:
    """One line under a to-do item (an event in the next fortnight), linking to its page."""

    text: str
    url: str


@dataclass(frozen=True)
class TodoItem:
    """One line of the organisers' admin home: how many things need doing, and the admin list,
    filtered to exactly those things, where they are done. The list shows `count` rows.

    `text` follows the number and is already in the right number: "pledges waiting for a
    decision". A provider checks the user's permissions and leaves out what they cannot open.
    """

    count: int
    text: str
    url: str
    details: tuple[TodoDetail, ...] = ()
    order: int = 100


@dataclass(frozen=True)
class Lesson:
    """One published lesson learned, as the lessons digest shows it: no names, only what a
    reader can learn from, and a link to read the rest."""

    title: str
    technique: str
    parts: tuple[tuple[str, str], ...]  # (heading, text): "What happened", and so on
    url: str  # absolute: it goes into emails


def collect_lessons(start, end) -> list[Lesson]:
    """Every feature's lessons approved in [start, end), in feature order."""
    return [lesson for _config, provider in providers("lessons") for lesson in provider(start, end)]


def collect_sections(capability: str, *args) -> dict[str, list[Section]]:
    """Every feature's sections for a composed page, by slot, in order.

    A provider returns a Section, a list of them, or None (nothing to show).
    """
    sections: list[Section] = []
    for _config, provider in providers(capability):
        result = provider(*args)
        if result is None:
            continue
        sections += result if isinstance(result, list) else [result]
    sections.sort(key=lambda section: section.order)
    return {
        "lead": [section for section in sections if section.slot == "lead"],
        "main": [section for section in sections if section.slot == "main"],
    }


def declared(app_config: AppConfig) -> Feature | None:
    return getattr(app_config, "feature", None)


def feature_apps() -> list[AppConfig]:
    """App configs that declare a contract, in their `order`, then INSTALLED_APPS order."""
    configs = [config for config in apps.get_app_configs() if declared(config) is not None]
    return sorted(configs, key=lambda config: declared(config).order)


def is_feature_app(app_config: AppConfig) -> bool:
    return isinstance(app_config, FeatureAppConfig)


def resolve(path: str) -> Any:
    """The object a capability names: a callable or class by dotted path, or a module."""
    from importlib import import_module

    try:
        return import_string(path)
    except ImportError:
        return import_module(path)


def providers(capability: str) -> Iterator[tuple[AppConfig, Any]]:
    """(app config, resolved object) for every app that declares `capability`."""
    for config in feature_apps():
        value = getattr(declared(config), capability)
        if value:
            yield config, resolve(value)


def declared_values(capability: str) -> Iterator[tuple[AppConfig, Any]]:
    """(app config, raw declared value) for every app that declares `capability`."""
    for config in feature_apps():
        value = getattr(declared(config), capability)
        if value:
            yield config, value


def capability_names() -> list[str]:
    return [f.name for f in fields(Feature) if f.name != "order"]
