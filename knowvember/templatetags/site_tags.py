from django import template
from django.urls import reverse

register = template.Library()


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(*pairs):
    """NHS.UK breadcrumbs from (label, url) pairs after Home: {% breadcrumbs "Events" events_url %}.

    The last pair is the page's parent, which also becomes the small-screen back link.
    """
    items = [("Home", reverse("home"))]
    items += [(pairs[i], pairs[i + 1]) for i in range(0, len(pairs) - 1, 2)]
    return {"items": items, "parent": items[-1]}


@register.simple_tag(takes_context=True)
def querystring_without(context, *names):
    """The current query string minus some keys (used by filters and pagination)."""
    query = context["request"].GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()
