"""One view: a 20 KB HTML page from a constant, no database, no template (see bare_settings)."""

from django.http import HttpResponse
from django.urls import path

PARAGRAPH = "<p>KNOWvember: a month of sharing what we know, in every NHS region.</p>\n"
CONTENT = PARAGRAPH * (20_000 // len(PARAGRAPH))
BODY = f"<!doctype html><html lang='en'><title>Bare</title><main>\n{CONTENT}</main></html>"


def bare(request):
    return HttpResponse(BODY)


urlpatterns = [path("", bare)]
