"""Delivery reports from a mail service (django-anymail's tracking webhooks, under /anymail/).

The webhooks answer only when `ANYMAIL["WEBHOOK_SECRET"]` is set: anymail then refuses any
request without that HTTP basic auth (and, for services that sign their posts, such as
Mailgun, a valid signature). Without a secret they would accept anyone's reports.
"""

import copy
from functools import wraps

from anymail import urls as anymail_urls
from django.conf import settings
from django.http import Http404
from django.views.decorators.csrf import csrf_exempt

from knowvember.outbox import record_tracking_event


def record_delivery_report(sender, event, esp_name, **kwargs):
    """anymail's `tracking` signal: bounces and complaints suppress the address."""
    record_tracking_event(event=event, esp_name=esp_name)


def _only_with_a_secret(view):
    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not getattr(settings, "ANYMAIL", {}).get("WEBHOOK_SECRET"):
            raise Http404("Mail service webhooks are not configured.")
        return view(request, *args, **kwargs)

    return csrf_exempt(guarded)


def _guarded(pattern):
    guarded = copy.copy(pattern)
    guarded.callback = _only_with_a_secret(pattern.callback)
    return guarded


# Delivery tracking only: the site receives no inbound mail.
app_name = anymail_urls.app_name
urlpatterns = [_guarded(p) for p in anymail_urls.urlpatterns if "tracking" in (p.name or "")]
