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


@register.simple_tag
def elided_page_range(page_obj):
    """Page numbers around the current one, with ellipses: 1 2 … 7 8 9 … 19 20."""
    return page_obj.paginator.get_elided_page_range(page_obj.number)
