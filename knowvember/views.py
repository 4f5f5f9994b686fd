"""Core views every site needs: the health check, error pages and the CSRF failure page."""

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe


@require_safe
@cache_control(no_store=True)
def healthz(request):
    """Load-balancer probe: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure means "not healthy"; the reason goes to the log
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})


def error_400(request, exception=None):
    return render(request, "400.html", status=400)


def error_403(request, exception=None):
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    # No request context: whatever broke may be the database behind the session.
    from django.template.loader import render_to_string

    return HttpResponse(render_to_string("500.html"), status=500)


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token: explain in plain English, in our layout."""
    return render(request, "403_csrf.html", status=403)
