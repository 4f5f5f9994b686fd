from django.conf import settings


def site(request):
    """Values every page template needs: the site's absolute URL, the team's address."""
    return {
        "site_url": settings.SITE_URL,
        "canonical_url": settings.SITE_URL + request.path,
        "contact_email": settings.KNOWVEMBER_CONTACT_EMAIL,
    }
