import logging

from django.core.exceptions import BadRequest
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


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
            response.status_code = 400
        return response


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
