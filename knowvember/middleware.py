import logging

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
