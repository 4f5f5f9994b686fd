"""Text-on-colour cards drawn with Pillow: share images for pages, social-media cards.

One layout at any size (1200×630 for Open Graph, 1080×1080, 1500×500): a kicker, a title
wrapped to the width, a line of detail, and the campaign's footer band. Text is set in
Liberation Sans (metrically the same as Arial, the NHS's everyday typeface) where the system
has it, else Pillow's own font, so a card never fails for want of a font.
"""

import io
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

NHS_BLUE = (0, 94, 184)
NHS_DARK_BLUE = (0, 48, 135)
NHS_WARM_YELLOW = (255, 184, 28)
WHITE = (255, 255, 255)
FOOTER = "KNOWvember · learn before, during and after"
HASHTAG = "#KNOWvember"

FONT_FILES = {
    False: ("LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation/"),
    True: ("LiberationSans-Bold.ttf", "/usr/share/fonts/truetype/liberation/"),
}


@lru_cache(maxsize=64)
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name, folder = FONT_FILES[bold]
    for candidate in (name, folder + name):
        try:
            return ImageFont.truetype(candidate, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def wrap(text: str, typeface, width: int, max_lines: int) -> list[str]:
    """Lines that fit `width` pixels, the last one ending in “…” if the text is longer."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if typeface.getlength(candidate) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and typeface.getlength(last + "…") > width:
            last = last[:-1]
        lines[-1] = last.rstrip(" ,.;:–-") + "…"
    return lines or [""]


@dataclass(frozen=True)
class CardText:
    kicker: str
    title: str
    detail: str = ""


def draw_card(text: CardText, width: int, height: int) -> Image.Image:
    """The card as an image; type scales with the shorter side so every size reads alike."""
    unit = min(width, height) / 630
    margin = round(72 * unit)
    band = round(96 * unit)
    image = Image.new("RGB", (width, height), NHS_BLUE)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, height - band, width, height], fill=NHS_DARK_BLUE)
    draw.rectangle(
        [margin, margin, margin + round(120 * unit), margin + round(10 * unit)],
        fill=NHS_WARM_YELLOW,
    )

    y = margin + round(36 * unit)
    kicker = font(round(30 * unit), bold=True)
    draw.text((margin, y), text.kicker, font=kicker, fill=WHITE)
    y += round(62 * unit)

    room = height - band - y - margin
    detail_font = font(round(34 * unit))
    detail_height = round(52 * unit) if text.detail else 0
    title_size = round(64 * unit)
    while True:  # the largest title size whose lines fit above the detail line
        title_font = font(title_size, bold=True)
        line_height = round(title_size * 1.18)
        max_lines = max(1, (room - detail_height) // line_height)
        lines = wrap(text.title, title_font, width - 2 * margin, min(max_lines, 4))
        if len(lines) * line_height <= room - detail_height or title_size <= 28 * unit:
            break
        title_size -= 4
    for line in lines:
        draw.text((margin, y), line, font=title_font, fill=WHITE)
        y += line_height
    if text.detail:
        y += round(16 * unit)
        detail = wrap(text.detail, detail_font, width - 2 * margin, 1)[0]
        draw.text((margin, y), detail, font=detail_font, fill=WHITE)

    footer_font = font(round(30 * unit))
    footer_y = height - band + (band - round(30 * unit)) // 2 - round(2 * unit)
    draw.text((margin, footer_y), FOOTER, font=footer_font, fill=WHITE)
    hashtag_width = footer_font.getlength(HASHTAG)
    if margin + footer_font.getlength(FOOTER) + hashtag_width + 2 * margin < width:
        draw.text((width - margin - hashtag_width, footer_y), HASHTAG, font=footer_font, fill=WHITE)
    return image


def png_bytes(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def card_png(text: CardText, width: int = 1200, height: int = 630) -> bytes:
    return png_bytes(draw_card(text, width, height))
