from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from knowvember.documents import as_protected_download, protected_file_response
from knowvember.models import Campaign
from toolkit import assets, brand
from toolkit.models import ToolkitFile

PRINTABLES = {
    "poster": (assets.poster, "poster"),
    "pledge-cards": (assets.pledge_cards, "pledge-cards"),
    "after-action-review-cards": (assets.aar_cards, "after-action-review-cards"),
}


def _toolkit_page(request, campaign, *, is_current_page):
    context = {
        "campaign": campaign,
        "is_current_page": is_current_page,
        "editions": Campaign.objects.only("name", "slug", "year"),
        "palette": brand.PALETTE,
        "type_guidance": brand.TYPE_GUIDANCE,
        "logo_variants": brand.VARIANTS.values(),
        "social_cards": assets.SOCIAL_CARDS,
        "files": list(ToolkitFile.objects.for_edition(campaign)) if campaign else [],
        "pledge_form_url": assets.pledge_form_url(),
    }
    return render(request, "toolkit/index.html", context)


@require_safe
def toolkit_index(request):
    """The current edition's toolkit."""
    return _toolkit_page(request, Campaign.objects.current(), is_current_page=True)


@require_safe
def toolkit_edition(request, edition):
    """An edition's toolkit: the branding and printables as that edition used them."""
    campaign = get_object_or_404(Campaign, slug=edition)
    return _toolkit_page(request, campaign, is_current_page=False)


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return as_protected_download(response)


@require_safe
@cache_control(max_age=3600, public=True)
def logo(request, edition, variant, extension):
    campaign = get_object_or_404(Campaign, slug=edition)
    if variant not in brand.VARIANTS:
        raise Http404("There is no such version of the logo.")
    filename = f"{campaign.slug}-logo-{variant}.{extension}"
    if extension == "svg":
        return _download(assets.logo_svg(campaign, variant), "image/svg+xml", filename)
    return _download(assets.logo_png(campaign, variant), "image/png", filename)


@require_safe
@cache_control(max_age=3600, public=True)
def social_card(request, edition, size):
    campaign = get_object_or_404(Campaign, slug=edition)
    card = assets.SOCIAL_CARD_SIZES.get(size)
    if card is None:
        raise Http404("There is no social media card of that size.")
    png = assets.social_card(campaign, card)
    return _download(png, "image/png", f"{campaign.slug}-social-card-{size}.png")


@require_safe
@cache_control(max_age=3600, public=True)
def printable(request, edition, name):
    campaign = get_object_or_404(Campaign, slug=edition)
    if name not in PRINTABLES:
        raise Http404("There is no such printable.")
    make, label = PRINTABLES[name]
    return _download(make(campaign), "application/pdf", f"{campaign.slug}-{label}.pdf")


@require_safe
def toolkit_file(request, pk):
    """An uploaded toolkit file, always as an attachment with its checked content type."""
    item = get_object_or_404(ToolkitFile, pk=pk)
    if not item.file or item.format is None:
        raise Http404("This toolkit item is a link, not a file.")
    return protected_file_response(
        item.file, filename=item.download_name, content_type=item.format.content_type
    )
