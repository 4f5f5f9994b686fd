"""System checks of our own: the Content-Security-Policy must exist and stay strict."""

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
