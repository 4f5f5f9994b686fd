from django.template.loader import render_to_string

from community.models import Subscription, pick_subscription


def dashboard_panel(request) -> str:
    """My KNOWvember: the person's place on the mailing list, with leave or join (one query)."""
    subscription = pick_subscription(Subscription.objects.for_user(request.user))
    return render_to_string(
        "community/dashboard_panel.html", {"subscription": subscription}, request=request
    )
