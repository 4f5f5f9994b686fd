from django.conf import settings


def site(request):
    """Values every page template needs: the site's absolute URL for canonical and OG tags."""
    return {
        "site_url": settings.SITE_URL,
        "canonical_url": settings.SITE_URL + request.path,
    }
