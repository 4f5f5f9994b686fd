from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from knowvember.cache import cached_page
from knowvember.models import Campaign
from knowvember.search import MAX_QUERY_LENGTH, RESULTS_PER_PAGE, search
from website.composition import (
    dashboard_panels,
    edition_counts,
    edition_sections,
    home_sections,
    search_sources,
)


@require_safe
@cached_page(every_app=True)
def home(request):
    """The current edition: its dates, theme and what is happening."""
    campaign = Campaign.objects.current()
    context = {"campaign": campaign}
    if campaign:
        context["sections"] = home_sections(campaign, request.user)
    return render(request, "knowvember/home.html", context)


@require_safe
def campaign_list(request):
    """Every edition of KNOWvember, newest first, with what each holds: the way into the archive."""
    editions = list(Campaign.objects.order_by("-year"))
    counts = edition_counts(editions)
    for edition in editions:
        edition.counts = [(noun, n) for noun, n in counts.get(edition.pk, {}).items() if n]
    return render(request, "knowvember/campaign_list.html", {"editions": editions})


@require_safe
def campaign_detail(request, slug):
    """One edition's archive page."""
    campaign = get_object_or_404(Campaign, slug=slug)
    editions = Campaign.objects.only("name", "slug", "year")
    context = {
        "campaign": campaign,
        "editions": editions,
        "sections": edition_sections(campaign, request.user),
    }
    return render(request, "knowvember/campaign.html", context)


@require_safe
def search_page(request):
    """Search every feature's public content and the editions, best match first."""
    terms = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    asked = {name: request.GET.get(name, "") for name in ("kind", "edition", "page")}
    found = search(terms, search_sources(), **asked)
    page_obj = Paginator(found, RESULTS_PER_PAGE).get_page(asked["page"])
    return render(
        request,
        "knowvember/search.html",
        {"terms": terms, "search": found, "page_obj": page_obj, "results": page_obj.object_list},
    )


@login_required
def dashboard(request):
    """My KNOWvember: a signed-in person's own corner of the site, a panel per feature."""
    return render(request, "accounts/dashboard.html", {"panels": dashboard_panels(request)})


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
