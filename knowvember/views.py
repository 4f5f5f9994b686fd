from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from knowvember.archive import edition_sections
from knowvember.home import home_sections
from knowvember.models import Campaign
from knowvember.search import MAX_QUERY_LENGTH, RESULTS_PER_PAGE, search, site_sources


@require_safe
def home(request):
    """The current edition: its dates, theme and what is happening."""
    campaign = Campaign.objects.current()
    context = {"campaign": campaign}
    if campaign:
        context |= home_sections(campaign, request.user)
    return render(request, "knowvember/home.html", context)


@require_safe
def campaign_detail(request, slug):
    """One edition's archive page."""
    campaign = get_object_or_404(Campaign, slug=slug)
    editions = Campaign.objects.only("name", "slug", "year")
    context = {"campaign": campaign, "editions": editions}
    return render(
        request, "knowvember/campaign.html", context | edition_sections(campaign, request.user)
    )


@require_safe
def search_page(request):
    """Search events, showcases, pledges and editions together, best match first."""
    terms = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    asked = {name: request.GET.get(name, "") for name in ("kind", "edition", "page")}
    found = search(terms, site_sources(), **asked)
    page_obj = Paginator(found, RESULTS_PER_PAGE).get_page(asked["page"])
    return render(
        request,
        "knowvember/search.html",
        {"terms": terms, "search": found, "page_obj": page_obj, "results": page_obj.object_list},
    )


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /my/",
        "Disallow: /search/",
        "Disallow: /community/confirm/",
        "Disallow: /community/unsubscribe/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


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
