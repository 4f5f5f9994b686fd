"""The Open Graph card for a pledge: drawn with Pillow, showing only what the pledger allowed."""

import io
import textwrap

from django.core.cache import cache
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
NHS_BLUE = (0, 94, 184)
NHS_DARK_BLUE = (0, 48, 135)
WHITE = (255, 255, 255)
MARGIN = 80


def _font(size: int):
    return ImageFont.load_default(size=size)


def _lines(text: str, width: int, limit: int) -> list[str]:
    lines = textwrap.wrap(text, width=width) or [""]
    if len(lines) > limit:
        lines = lines[:limit]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines


def card_lines(pledge) -> dict:
    """The words on the card; personal data only where the pledger consented to show it."""
    byline = ", ".join(p for p in (pledge.public_name, pledge.public_organisation) if p)
    return {
        "kicker": f"{pledge.campaign.name} pledge",
        "title": _lines(pledge.title, 30, 3),
        "technique": f"{pledge.activity.name} · {pledge.activity.get_stage_display()}",
        "region": pledge.region.name if pledge.region else "",
        "byline": byline,
    }


def render_png(pledge) -> bytes:
    words = card_lines(pledge)
    image = Image.new("RGB", (WIDTH, HEIGHT), NHS_BLUE)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, HEIGHT - 90, WIDTH, HEIGHT], fill=NHS_DARK_BLUE)
    y = MARGIN - 20
    draw.text((MARGIN, y), words["kicker"].upper(), font=_font(32), fill=WHITE)
    y += 70
    title_font = _font(62)
    for line in words["title"]:
        draw.text((MARGIN, y), line, font=title_font, fill=WHITE)
        y += 76
    y += 20
    detail = _font(36)
    draw.text((MARGIN, y), words["technique"], font=detail, fill=WHITE)
    y += 52
    if words["region"]:
        draw.text((MARGIN, y), words["region"], font=detail, fill=WHITE)
        y += 52
    if words["byline"]:
        draw.text((MARGIN, y), _lines(words["byline"], 50, 1)[0], font=_font(32), fill=WHITE)
    draw.text(
        (MARGIN, HEIGHT - 66),
        "KNOWvember · learn before, during and after",
        font=_font(32),
        fill=WHITE,
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def share_image_png(pledge) -> bytes:
    """The card, cached until the pledge changes."""
    key = f"pledge-card:{pledge.pk}:{pledge.updated_at.timestamp()}"
    return cache.get_or_set(key, lambda: render_png(pledge), timeout=86400)
