"""System checks of our own: the Content-Security-Policy must exist and stay strict, features
keep their contracts, and production has a worker for email and something serving media."""

from django.conf import settings
from django.core import checks
from django.utils.csp import CSP

UNSAFE_SOURCES = {CSP.UNSAFE_INLINE, CSP.UNSAFE_EVAL, CSP.UNSAFE_HASHES, "*"}


@checks.register(checks.Tags.security, deploy=False)
def check_content_security_policy(app_configs, **kwargs):
    errors = []
    middleware = "django.middleware.csp.ContentSecurityPolicyMiddleware"
    if middleware not in settings.MIDDLEWARE:
        errors.append(
            checks.Error(
                "The Content-Security-Policy middleware is not installed.",
                hint=f"Add {middleware!r} to MIDDLEWARE.",
                id="knowvember.E001",
            )
        )
    policy = getattr(settings, "SECURE_CSP", None) or {}
    if not policy:
        errors.append(
            checks.Error(
                "SECURE_CSP is empty, so no Content-Security-Policy is sent.",
                id="knowvember.E002",
            )
        )
    for directive, sources in policy.items():
        unsafe = sorted(set(sources) & UNSAFE_SOURCES)
        if unsafe:
            errors.append(
                checks.Error(
                    f"SECURE_CSP[{directive!r}] allows {', '.join(unsafe)}.",
                    hint="Move inline scripts and styles into static files instead.",
                    id="knowvember.E003",
                )
            )
    return errors


def _import_problem(path: str) -> str | None:
    from knowvember.features import resolve

    try:
        resolve(path)
    except Exception as error:  # any failure to import is what the check reports
        return f"{type(error).__name__}: {error}"
    return None


def _declared_paths(feature) -> list[tuple[str, str]]:
    """(capability, dotted path) for every path a Feature declares."""
    paths = []
    if feature.urls:
        paths.append(("urls", feature.urls[1]))
    for capability in (
        "search",
        "home",
        "archive",
        "edition_counts",
        "dashboard",
        "privacy",
        "admin_todo",
        "lessons",
    ):
        if getattr(feature, capability):
            paths.append((capability, getattr(feature, capability)))
    if feature.demo:
        paths.append(("demo", feature.demo))
    paths += [("sitemaps", path) for path in feature.sitemaps.values()]
    return paths


@checks.register()
def check_feature_contracts(app_configs, **kwargs):
    """Every capability a feature app declares must exist; an undeclared one is a warning."""
    from importlib.util import find_spec

    from knowvember.features import (
        CONVENTIONAL_MODULES,
        MODULE_CAPABILITIES,
        feature_apps,
        is_feature_app,
    )

    messages = []
    for config in feature_apps():
        feature = config.feature
        for capability, path in _declared_paths(feature):
            problem = _import_problem(path)
            if problem:
                messages.append(
                    checks.Error(
                        f"App {config.label!r} declares {capability} {path!r}, "
                        f"which cannot be imported ({problem}).",
                        hint=f"Provide {path} or remove {capability} from {config.name}'s Feature.",
                        obj=config,
                        id="knowvember.E010",
                    )
                )
                continue
            for name in MODULE_CAPABILITIES.get(capability, ()):
                if not callable(getattr(_resolved(path), name, None)):
                    messages.append(
                        checks.Error(
                            f"App {config.label!r} declares {capability} {path!r}, "
                            f"which has no {name}().",
                            obj=config,
                            id="knowvember.E011",
                        )
                    )
        for capability, module in CONVENTIONAL_MODULES.items():
            if not is_feature_app(config) or getattr(feature, capability):
                continue
            if find_spec(f"{config.name}.{module}") is not None:
                messages.append(
                    checks.Warning(
                        f"App {config.label!r} has {config.name}.{module} "
                        f"but does not declare {capability} in its Feature.",
                        hint="Declare it on the AppConfig, or remove the module.",
                        obj=config,
                        id="knowvember.W012",
                    )
                )
    return messages


def _resolved(path):
    from knowvember.features import resolve

    return resolve(path)


@checks.register(checks.Tags.security, deploy=True)
def check_email_is_sent_by_a_worker(app_configs, **kwargs):
    """Outbox (issue 13): with the immediate task backend, email is sent inside requests."""
    backend = settings.TASKS.get("default", {}).get("BACKEND", "")
    if backend.endswith("ImmediateBackend"):
        return [
            checks.Warning(
                "Email is sent inside web requests, so a slow mail server slows every page.",
                hint="Unset TASKS_BACKEND (or set it to database) and run manage.py db_worker.",
                id="knowvember.W010",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def check_media_is_served(app_configs, **kwargs):
    """Issue 15: with DEBUG off Django does not serve MEDIA_URL, so something else must.

    Public media in a bucket is served by the bucket (or its CDN). On the local disk it needs a
    web server (deploy/nginx/knowvember.conf), which MEDIA_SERVED_BY names.
    """
    from django.core.files.storage import FileSystemStorage, storages

    if settings.DEBUG or getattr(settings, "MEDIA_SERVED_BY", ""):
        return []
    if not isinstance(storages["default"], FileSystemStorage):
        return []
    return [
        checks.Warning(
            f"Uploaded media is stored on the local disk, and nothing is said to serve "
            f"{settings.MEDIA_URL} (Django does not when DEBUG is off), so photos would be 404.",
            hint=(
                "Serve MEDIA_ROOT at MEDIA_URL from the reverse proxy (deploy/nginx/) and set "
                "MEDIA_SERVED_BY=nginx, or set MEDIA_BUCKET to keep media in object storage."
            ),
            id="knowvember.W020",
        )
    ]
