from knowvember.features import declared_values


def navigation(request):
    """The header menu: one link per feature that declares one, marked when it is current."""
    current = request.resolver_match.namespace if request.resolver_match else ""
    links = sorted((nav for _config, nav in declared_values("nav")), key=lambda nav: nav.order)
    return {
        "navigation": [
            {
                "label": nav.label,
                "url_name": nav.url_name,
                "current": nav.url_name.split(":")[0] == current,
            }
            for nav in links
        ]
    }
