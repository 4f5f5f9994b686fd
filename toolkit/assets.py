"""Everything the toolkit generates for an edition, each made once and cached until the
edition's details (or the site's address) change."""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.urls import NoReverseMatch, reverse

from knowvember.cards import CardText, card_png
from toolkit import brand, printables

CACHE_SECONDS = 7 * 86400


@dataclass(frozen=True)
class SocialCard:
    slug: str
    width: int
    height: int
    use: str


SOCIAL_CARDS = [
    SocialCard("1200x630", 1200, 630, "Link image for Facebook and LinkedIn"),
    SocialCard("1200x675", 1200, 675, "Image in a post on X (Twitter) or Bluesky"),
    SocialCard("1080x1080", 1080, 1080, "Square post for Instagram, Facebook and LinkedIn"),
    SocialCard("1500x500", 1500, 500, "Header image for an X (Twitter) profile"),
]
SOCIAL_CARD_SIZES = {card.slug: card for card in SOCIAL_CARDS}


def pledge_form_url() -> str:
    """The pledge form's absolute address, for QR codes and printed text."""
    try:
        path = reverse("pledges:create")
    except NoReverseMatch:  # the pledge form's path is fixed in DESIGN.md
        path = "/pledges/new/"
    return settings.SITE_URL + path


def record_what_happened_url() -> str:
    """My KNOWvember, where a person records what happened with each of their pledges."""
    return settings.SITE_URL + reverse("accounts:dashboard")


def _fingerprint(campaign) -> str:
    words = "|".join(
        str(value)
        for value in (
            campaign.pk,
            campaign.name,
            campaign.theme,
            campaign.starts_on,
            campaign.ends_on,
            settings.SITE_URL,
        )
    )
    return hashlib.sha256(words.encode()).hexdigest()[:16]


def _cached(kind: str, campaign, make) -> bytes:
    return cache.get_or_set(f"toolkit:{kind}:{_fingerprint(campaign)}", make, CACHE_SECONDS)


def logo_svg(campaign, variant: str) -> bytes:
    return _cached(
        f"logo-{variant}.svg", campaign, lambda: brand.logo_svg(campaign.name, variant).encode()
    )


def logo_png(campaign, variant: str) -> bytes:
    return _cached(f"logo-{variant}.png", campaign, lambda: brand.logo_png(campaign.name, variant))


def social_card_text(campaign) -> CardText:
    edition = printables.edition_of(campaign)
    address = pledge_form_url().split("://", 1)[-1]
    return CardText(
        kicker=f"{campaign.name} · {edition.dates}",
        title="What will you pledge this November?",
        detail=f"Pledge at {address}",
    )


def social_card(campaign, card: SocialCard) -> bytes:
    return _cached(
        f"card-{card.slug}",
        campaign,
        lambda: card_png(social_card_text(campaign), card.width, card.height),
    )


def poster(campaign) -> bytes:
    return _cached(
        "poster",
        campaign,
        lambda: printables.poster_pdf(printables.edition_of(campaign), pledge_form_url()),
    )


def pledge_cards(campaign) -> bytes:
    return _cached(
        "pledge-cards",
        campaign,
        lambda: printables.pledge_cards_pdf(printables.edition_of(campaign), pledge_form_url()),
    )


def aar_cards(campaign) -> bytes:
    return _cached(
        "aar-cards",
        campaign,
        lambda: printables.aar_cards_pdf(
            printables.edition_of(campaign), record_what_happened_url()
        ),
    )
