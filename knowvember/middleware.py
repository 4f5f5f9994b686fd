import logging

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core.exceptions import BadRequest
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from whitenoise.middleware import WhiteNoiseMiddleware

logger = logging.getLogger(__name__)

# Browser features no page of ours uses: off for the page and anything framed in it.
FEATURES_OFF = [
    "accelerometer",
    "bluetooth",
    "browsing-topics",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "hid",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
]
# What a video player needs; off unless a page embeds one.
PLAYER_FEATURES = ["autoplay", "encrypted-media", "picture-in-picture"]


def permissions_policy(*, player_origin: str | None = None) -> str:
    """The Permissions-Policy header; a page with a video player names the player's origin."""
    allowed = f'(self "{player_origin}")' if player_origin else "()"
    rules = [f"{feature}=()" for feature in FEATURES_OFF]
    rules += [f"{feature}={allowed}" for feature in PLAYER_FEATURES]
    rules.append(f'fullscreen=(self "{player_origin}")' if player_origin else "fullscreen=(self)")
    return ", ".join(rules)


class SecurityHeadersMiddleware:
    """Permissions-Policy and Cross-Origin-Resource-Policy on every response.

    First in MIDDLEWARE, so static files (WhiteNoise) and error pages get them too. A view may
    set its own Permissions-Policy (the showcase player page does).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = permissions_policy()

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.policy)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise, without the manifest: staticfiles.json lists every file, and is nobody's."""

    manifest_name = ManifestFilesMixin.manifest_name

    def _is_manifest(self, url: str) -> bool:
        return url.rsplit("/", 1)[-1].startswith(self.manifest_name)

    def add_file_to_dictionary(self, url, path, stat_cache=None):
        if not self._is_manifest(url):
            super().add_file_to_dictionary(url, path, stat_cache=stat_cache)

    def find_file(self, url):
        return None if self._is_manifest(url) else super().find_file(url)


class DatabaseUnavailableMiddleware:
    """Answer 503 in the site's layout, with no stack trace, when the database is unreachable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error("Database unavailable: %s", exception)
        # Rendered without a request context: the session and user need the database too.
        body = render_to_string("503.html")
        return HttpResponse(body, status=503, headers={"Retry-After": "60"})


class FormErrorStatusMiddleware:
    """Answer a form re-shown with errors with 400, not 200, for every view (allauth's too).

    Views that render a `TemplateResponse` with a bound, invalid `form` in the context get
    status 400, so clients, tests and monitoring see bad input as a 4xx.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_template_response(self, request, response):
        form = (response.context_data or {}).get("form")
        if (
            response.status_code == 200
            and request.method == "POST"
            and getattr(form, "is_bound", False)
            and form.errors
        ):
            if _is_locked_out(form):
                response.status_code = 429
                response["Retry-After"] = str(LOCK_OUT_SECONDS)
            else:
                response.status_code = 400
        return response


# allauth refuses sign-in for five minutes after five failures (and ten a minute per address)
# with a form error; that is a rate limit, so it answers 429 and says when to try again.
LOCKED_OUT_ERRORS = {"too_many_login_attempts"}
LOCK_OUT_SECONDS = 5 * 60


def _is_locked_out(form) -> bool:
    return any(
        error.code in LOCKED_OUT_ERRORS
        for errors in form.errors.as_data().values()
        for error in errors
    )


class NulByteMiddleware:
    """Answer 400 to any request whose path, query or form fields hold a NUL byte.

    PostgreSQL refuses NUL in text, so one would otherwise surface as a 500 from whichever view
    first put it in a query: one rule here instead of one in every view. Uploaded files'
    contents are never looked at (binary files are full of NUL bytes).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            raise BadRequest("NUL byte in the request")
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        if "\x00" in request.path_info:
            return True
        fields = [request.GET]
        if request.method == "POST":
            # request.POST holds a multipart form's text fields only; uploads stay unread files
            # whose names Django has already stripped of control characters.
            fields += [request.POST, request.FILES]
        return any(
            "\x00" in key or any(isinstance(v, str) and "\x00" in v for v in values)
            for data in fields
            for key, values in data.lists()
        )


class RequestBodyLimitMiddleware:
    """Answer 413 to a request that declares a body over the stated limit, before reading it.

    Django only limits the non-file part of a form (DATA_UPLOAD_MAX_MEMORY_SIZE); uploads stream
    to disk without bound. The admin takes delegate-pack files, so it has a larger limit.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = (
            settings.MAX_ADMIN_REQUEST_BODY_BYTES
            if request.path_info.startswith("/admin/")  # knowvember/urls.py mounts it there
            else settings.MAX_REQUEST_BODY_BYTES
        )
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            raise BadRequest("Content-Length is not a number") from None
        if length > limit:
            # Rendered without a request context: sessions and users come later in the chain.
            body = render_to_string("413.html", {"limit_mb": max(1, limit // (1024 * 1024))})
            return HttpResponse(body, status=413)
        return self.get_response(request)
