"""The campaign's branding, defined once: the palette, the type, and the logo.

The logo is described here as a few shapes and two runs of text; `logo_svg` writes them as an
SVG and `logo_png` draws the same shapes with Pillow, so the PNG is made from the site's own
logo without an SVG rasteriser (and the system libraries one would need). The SVG names Arial;
the PNG is set in Liberation Sans, which has Arial's metrics, so both have the same layout.
"""

import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw

from knowvember.cards import font


@dataclass(frozen=True)
class Colour:
    name: str
    hex: str
    use: str

    @property
    def rgb(self) -> tuple[int, int, int]:
        return tuple(int(self.hex[i : i + 2], 16) for i in (1, 3, 5))


PALETTE = [
    Colour("NHS Blue", "#005EB8", "The main colour: behind white text, in headings, the logo."),
    Colour("NHS Dark Blue", "#003087", "Footers and bands; text on pale backgrounds."),
    Colour("NHS Warm Yellow", "#FFB81C", "Small highlights on blue. Never for text on white."),
    Colour("NHS Pale Grey", "#E8EDEE", "Backgrounds of panels and writing areas on cards."),
    Colour("NHS Dark Grey", "#425563", "Secondary text, such as dates and captions."),
    Colour("White", "#FFFFFF", "Text and the logo on NHS Blue."),
]  # fmt: skip
BLUE, DARK_BLUE, YELLOW, PALE_GREY, DARK_GREY, WHITE = (colour.rgb for colour in PALETTE)

TYPE_GUIDANCE = [
    "Use Arial, the NHS's everyday typeface, in documents, slides and social media posts. If "
    "your organisation has a licence for Frutiger, you may use it for headings.",
    "Write headings in sentence case and in bold: “What will you pledge?”, not “What Will You "
    "Pledge?”.",
    "Keep body text at 12 point or larger in print, left-aligned, with plenty of space.",
    "Write “KNOWvember” with KNOW in capitals, and use the campaign hashtag #KNOWvember.",
    "Use plain English: short sentences and everyday words, as on the NHS website.",
]

LOGO_FONT_SIZE = 88
LOGO_HEIGHT = 200
LOGO_PADDING = 40
MARK_SIZE = 120
TAGLINE = "learn before, during and after"
SVG_FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"


@dataclass(frozen=True)
class LogoVariant:
    slug: str
    label: str
    background: tuple[int, int, int] | None
    text: tuple[int, int, int]
    marks: tuple[tuple[int, int, int], ...]


VARIANTS = {
    "blue": LogoVariant("blue", "White on NHS Blue", BLUE, WHITE, (WHITE, (153, 197, 234), YELLOW)),
    "white": LogoVariant("white", "NHS Blue, no background", None, BLUE, (BLUE, DARK_BLUE, YELLOW)),
}  # fmt: skip


def wordmark(name: str) -> tuple[str, str]:
    """“KNOWvember26” as its bold and regular halves: KNOW, vember26."""
    return name[:4].upper(), name[4:]


@dataclass(frozen=True)
class LogoLayout:
    width: int
    height: int
    bold: str
    regular: str
    text_x: int
    baseline: int
    tagline_baseline: int
    # (centre x, centre y, radius) of the three marks: before, during and after.
    marks: tuple[tuple[int, int, int], ...]


def layout(name: str) -> LogoLayout:
    bold, regular = wordmark(name)
    width_bold = font(LOGO_FONT_SIZE, bold=True).getlength(bold)
    width_regular = font(LOGO_FONT_SIZE).getlength(regular)
    text_x = LOGO_PADDING + MARK_SIZE + 32
    width = round(text_x + width_bold + width_regular + LOGO_PADDING)
    radius = 18
    centre_y = LOGO_HEIGHT // 2
    marks = tuple(
        (LOGO_PADDING + radius + i * 42, centre_y + (1 - i) * 26, radius) for i in range(3)
    )
    return LogoLayout(
        width=width,
        height=LOGO_HEIGHT,
        bold=bold,
        regular=regular,
        text_x=text_x,
        baseline=112,
        tagline_baseline=158,
        marks=marks,
    )


def _hex(rgb) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb)


def logo_svg(name: str, variant: str = "blue") -> str:
    spec, box = VARIANTS[variant], layout(name)
    title = f"{name}: {TAGLINE}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {box.width} {box.height}" '
        f'width="{box.width}" height="{box.height}" role="img" aria-labelledby="t">',
        f'<title id="t">{escape(title)}</title>',
    ]
    if spec.background:
        parts.append(
            f'<rect width="{box.width}" height="{box.height}" rx="16" '
            f'fill="{_hex(spec.background)}"/>'
        )
    for (cx, cy, r), colour in zip(box.marks, spec.marks, strict=True):
        parts.append(f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="{_hex(colour)}"/>')
    parts.append(
        f'<text x="{box.text_x}" y="{box.baseline}" font-family="{SVG_FONT}" '
        f'font-size="{LOGO_FONT_SIZE}" fill="{_hex(spec.text)}">'
        f'<tspan font-weight="700">{escape(box.bold)}</tspan>{escape(box.regular)}</text>'
    )
    parts.append(
        f'<text x="{box.text_x + 4}" y="{box.tagline_baseline}" font-family="{SVG_FONT}" '
        f'font-size="32" fill="{_hex(spec.text)}">{escape(TAGLINE)}</text>'
    )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def logo_image(name: str, variant: str = "blue", scale: int = 3) -> Image.Image:
    """The logo drawn with Pillow from the same layout, `scale` times the SVG's size."""
    spec, box = VARIANTS[variant], layout(name)
    # Drawn twice as large again and reduced, for smooth edges.
    factor = scale * 2
    size = (box.width * factor, box.height * factor)
    background = (*spec.background, 255) if spec.background else (255, 255, 255, 0)
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if spec.background:
        draw.rounded_rectangle(
            [0, 0, size[0] - 1, size[1] - 1], radius=16 * factor, fill=background
        )
    for (cx, cy, r), colour in zip(box.marks, spec.marks, strict=True):
        draw.ellipse(
            [(cx - r) * factor, (cy - r) * factor, (cx + r) * factor, (cy + r) * factor],
            fill=colour,
        )
    bold = font(LOGO_FONT_SIZE * factor, bold=True)
    regular = font(LOGO_FONT_SIZE * factor)
    x, baseline = box.text_x * factor, box.baseline * factor
    draw.text((x, baseline), box.bold, font=bold, fill=spec.text, anchor="ls")
    draw.text(
        (x + bold.getlength(box.bold), baseline),
        box.regular,
        font=regular,
        fill=spec.text,
        anchor="ls",
    )
    tagline = font(32 * factor)
    draw.text(
        ((box.text_x + 4) * factor, box.tagline_baseline * factor),
        TAGLINE,
        font=tagline,
        fill=spec.text,
        anchor="ls",
    )
    return image.resize((box.width * scale, box.height * scale), Image.Resampling.LANCZOS)


def logo_png(name: str, variant: str = "blue") -> bytes:
    buffer = io.BytesIO()
    # optimize=True would take twice as long for the same size: the logo is flat colour already.
    logo_image(name, variant).save(buffer, format="PNG")
    return buffer.getvalue()
