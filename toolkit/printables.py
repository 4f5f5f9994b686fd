"""Printable PDFs for an edition, drawn with ReportLab: an A4 poster, pledge cards and After
Action Review cards, each with a QR code to the form it stands for.

ReportLab is pure Python, so the PDFs need no system libraries (WeasyPrint needs Pango), and
drawing on a page gives exact control of cut lines and writing space on a printed card. The QR
code is made by segno and placed as a crisp bitmap, with the address printed beside it for
anyone who cannot scan.
"""

import io
from dataclasses import dataclass

import segno
from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from knowvember.templatetags.ukdates import uk_date
from toolkit.brand import PALETTE, TAGLINE, wordmark

COLOURS = {colour.name: HexColor(colour.hex) for colour in PALETTE}
BLUE, DARK_BLUE = COLOURS["NHS Blue"], COLOURS["NHS Dark Blue"]
YELLOW, PALE_GREY, DARK_GREY = (
    COLOURS["NHS Warm Yellow"],
    COLOURS["NHS Pale Grey"],
    COLOURS["NHS Dark Grey"],
)
TEXT = HexColor("#212B32")  # NHS.UK's text colour
PAGE_WIDTH, PAGE_HEIGHT = A4


@dataclass(frozen=True)
class Edition:
    """What the printables say about an edition."""

    name: str
    dates: str
    theme: str


def edition_of(campaign) -> Edition:
    start, end = campaign.starts_on, campaign.ends_on
    dates = f"{uk_date(start)} to {uk_date(end)}".replace(f" {start.year} to", " to")
    return Edition(name=campaign.name, dates=dates, theme=campaign.theme)


def qr_reader(url: str) -> ImageReader:
    buffer = io.BytesIO()
    segno.make(url, error="m", micro=False).save(buffer, kind="png", scale=10, border=4)
    buffer.seek(0)
    return ImageReader(buffer)


def _qr(canvas: Canvas, url: str, x: float, y: float, size: float) -> None:
    """The QR code with its bottom-left corner at (x, y), and a link over it on screen."""
    canvas.drawImage(qr_reader(url), x, y, size, size)
    canvas.linkURL(url, (x, y, x + size, y + size), relative=0)


def _wordmark(canvas: Canvas, name: str, x: float, y: float, size: float, colour=white) -> None:
    bold, regular = wordmark(name)
    canvas.setFillColor(colour)
    canvas.setFont("Helvetica-Bold", size)
    canvas.drawString(x, y, bold)
    width = canvas.stringWidth(bold, "Helvetica-Bold", size)
    canvas.setFont("Helvetica", size)
    canvas.drawString(x + width, y, regular)


def _wrapped(canvas: Canvas, text: str, x, y, width, font, size, leading) -> float:
    """Draw text wrapped to `width`; return the y below the last line."""
    words, line = text.split(), ""
    canvas.setFont(font, size)
    for word in words:
        candidate = f"{line} {word}".strip()
        if canvas.stringWidth(candidate, font, size) <= width or not line:
            line = candidate
        else:
            canvas.drawString(x, y, line)
            y -= leading
            line = word
    if line:
        canvas.drawString(x, y, line)
        y -= leading
    return y


def _fitted(canvas: Canvas, text: str, x, y, width, font, size, smallest=7) -> None:
    """One line of text that must not wrap (an address), made smaller until it fits."""
    while size > smallest and canvas.stringWidth(text, font, size) > width:
        size -= 0.5
    canvas.setFont(font, size)
    canvas.drawString(x, y, text)


def _writing_lines(canvas: Canvas, x, y, width, count, gap=8 * mm) -> float:
    canvas.setStrokeColor(DARK_GREY)
    canvas.setLineWidth(0.5)
    for _ in range(count):
        y -= gap
        canvas.line(x, y, x + width, y)
    return y


def _cut_lines(canvas: Canvas, columns: int, rows: int) -> None:
    canvas.saveState()
    canvas.setStrokeColor(DARK_GREY)
    canvas.setDash(3, 3)
    canvas.setLineWidth(0.5)
    for i in range(1, columns):
        canvas.line(PAGE_WIDTH * i / columns, 0, PAGE_WIDTH * i / columns, PAGE_HEIGHT)
    for j in range(1, rows):
        canvas.line(0, PAGE_HEIGHT * j / rows, PAGE_WIDTH, PAGE_HEIGHT * j / rows)
    canvas.restoreState()


def _new_canvas(buffer, title: str, edition: Edition) -> Canvas:
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor("KNOWvember, NHS England")
    canvas.setSubject(f"{edition.name}: {TAGLINE}")
    canvas.setCreator("KNOWvember toolkit")
    return canvas


def poster_pdf(edition: Edition, pledge_url: str) -> bytes:
    """An A4 poster: the question, the three stages, and a QR code to the pledge form."""
    buffer = io.BytesIO()
    canvas = _new_canvas(buffer, f"{edition.name} poster: What will you pledge?", edition)
    margin = 18 * mm
    canvas.setFillColor(BLUE)
    canvas.rect(0, PAGE_HEIGHT - 95 * mm, PAGE_WIDTH, 95 * mm, stroke=0, fill=1)
    canvas.setFillColor(YELLOW)
    canvas.rect(margin, PAGE_HEIGHT - 24 * mm, 30 * mm, 2.5 * mm, stroke=0, fill=1)
    _wordmark(canvas, edition.name, margin, PAGE_HEIGHT - 42 * mm, 34)
    canvas.setFont("Helvetica", 16)
    canvas.drawString(margin, PAGE_HEIGHT - 52 * mm, TAGLINE)
    canvas.setFont("Helvetica-Bold", 40)
    canvas.drawString(margin, PAGE_HEIGHT - 80 * mm, "What will you pledge?")

    y = PAGE_HEIGHT - 112 * mm
    canvas.setFillColor(TEXT)
    y = _wrapped(
        canvas,
        "This November, pledge to try one knowledge-mobilisation technique, then tell "
        "colleagues what you learned, so the next person can learn before they start.",
        margin,
        y,
        PAGE_WIDTH - 2 * margin,
        "Helvetica",
        15,
        20,
    )
    y -= 6 * mm
    stages = [
        ("Learn before", "a peer assist or a before action review"),
        ("Learn during", "an after action review or a knowledge café"),
        ("Learn after", "a retrospect or knowledge harvesting"),
    ]
    for heading, example in stages:
        canvas.setFillColor(BLUE)
        canvas.circle(margin + 3 * mm, y + 2 * mm, 2.5 * mm, stroke=0, fill=1)
        canvas.setFillColor(TEXT)
        canvas.setFont("Helvetica-Bold", 16)
        canvas.drawString(margin + 9 * mm, y, heading)
        canvas.setFont("Helvetica", 14)
        canvas.drawString(margin + 9 * mm, y - 7 * mm, f"For example, {example}.")
        y -= 17 * mm

    qr_size = 62 * mm
    box_y = 22 * mm
    canvas.setFillColor(PALE_GREY)
    canvas.rect(
        margin, box_y - 6 * mm, PAGE_WIDTH - 2 * margin, qr_size + 12 * mm, stroke=0, fill=1
    )
    _qr(canvas, pledge_url, PAGE_WIDTH - margin - qr_size - 6 * mm, box_y, qr_size)
    canvas.setFillColor(TEXT)
    canvas.setFont("Helvetica-Bold", 20)
    canvas.drawString(margin + 8 * mm, box_y + qr_size - 12 * mm, "Make your pledge")
    text_width = PAGE_WIDTH - 2 * margin - qr_size - 24 * mm
    below = _wrapped(
        canvas,
        "Scan the code with your phone's camera, or type this address:",
        margin + 8 * mm,
        box_y + qr_size - 22 * mm,
        text_width,
        "Helvetica",
        13,
        17,
    )
    _wrapped(
        canvas, pledge_url, margin + 8 * mm, below - 2 * mm, text_width, "Helvetica-Bold", 13, 17
    )
    canvas.setFont("Helvetica", 12)
    canvas.setFillColor(DARK_GREY)
    canvas.drawString(margin + 8 * mm, box_y, edition.dates)
    canvas.drawString(margin, 8 * mm, "#KNOWvember · NHS England")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _card_header(canvas, edition, x, top, width, title) -> float:
    band = 22 * mm
    canvas.setFillColor(BLUE)
    canvas.rect(x, top - band, width, band, stroke=0, fill=1)
    _wordmark(canvas, edition.name, x + 6 * mm, top - 9 * mm, 13)
    canvas.setFont("Helvetica-Bold", 17)
    canvas.drawString(x + 6 * mm, top - 18 * mm, title)
    return top - band


def pledge_cards_pdf(edition: Edition, pledge_url: str) -> bytes:
    """Four A6 “What will you pledge?” cards on an A4 sheet, to fill in by hand at events."""
    buffer = io.BytesIO()
    canvas = _new_canvas(buffer, f"{edition.name} pledge cards: What will you pledge?", edition)
    width, height = PAGE_WIDTH / 2, PAGE_HEIGHT / 2
    pad = 6 * mm
    qr_size = 26 * mm
    for column in range(2):
        for row in range(2):
            x, top = column * width + 4 * mm, (row + 1) * height - 4 * mm
            inner = width - 8 * mm
            y = _card_header(canvas, edition, x, top, inner, "What will you pledge?")
            canvas.setFillColor(TEXT)
            y -= 8 * mm
            canvas.setFont("Helvetica-Bold", 10)
            canvas.drawString(x + pad, y, "This November I will try…")
            y = _writing_lines(canvas, x + pad, y, inner - 2 * pad, 4, gap=7 * mm)
            y -= 7 * mm
            canvas.setFont("Helvetica-Bold", 10)
            canvas.drawString(x + pad, y, "By (month)")
            y = _writing_lines(canvas, x + pad, y, inner - 2 * pad - qr_size - 4 * mm, 1, 7 * mm)
            y -= 7 * mm
            canvas.setFont("Helvetica-Bold", 10)
            canvas.drawString(x + pad, y, "Name and organisation (optional)")
            _writing_lines(canvas, x + pad, y, inner - 2 * pad - qr_size - 4 * mm, 1, 7 * mm)
            qr_x, qr_y = x + inner - pad - qr_size, top - height + 14 * mm
            _qr(canvas, pledge_url, qr_x, qr_y, qr_size)
            canvas.setFillColor(DARK_GREY)
            canvas.setFont("Helvetica", 9)
            canvas.drawString(x + pad, qr_y + qr_size - 4 * mm, "Hand this card to an organiser,")
            canvas.drawString(
                x + pad, qr_y + qr_size - 8.5 * mm, "or scan the code to pledge online."
            )
            _fitted(
                canvas, pledge_url, x + pad, qr_y - 4 * mm, inner - 2 * pad, "Helvetica", 7.5, 5
            )
    _cut_lines(canvas, 2, 2)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


AAR_QUESTIONS = [
    "What was supposed to happen?",
    "What actually happened?",
    "Why was there a difference?",
    "What will we do next time?",
]


def aar_cards_pdf(edition: Edition, record_url: str) -> bytes:
    """Two A5 After Action Review cards on an A4 sheet: the four questions, room to write."""
    buffer = io.BytesIO()
    canvas = _new_canvas(buffer, f"{edition.name} After Action Review cards", edition)
    height = PAGE_HEIGHT / 2
    pad = 8 * mm
    qr_size = 24 * mm
    for row in range(2):
        x, top = 6 * mm, (row + 1) * height - 5 * mm
        inner = PAGE_WIDTH - 12 * mm
        y = _card_header(canvas, edition, x, top, inner, "After Action Review")
        canvas.setFillColor(TEXT)
        canvas.setFont("Helvetica", 9.5)
        y -= 6 * mm
        canvas.drawString(
            x + pad, y, "Straight after the event or the work, while everyone remembers it."
        )
        half = (inner - 2 * pad - 8 * mm) / 2
        for index, question in enumerate(AAR_QUESTIONS):
            column, line = index % 2, index // 2
            qx = x + pad + column * (half + 8 * mm)
            qy = y - 8 * mm - line * 38 * mm
            canvas.setFillColor(TEXT)
            canvas.setFont("Helvetica-Bold", 11)
            canvas.drawString(qx, qy, f"{index + 1}. {question}")
            room = half - (qr_size + 4 * mm if index == 3 else 0)
            _writing_lines(canvas, qx, qy, room, 3, gap=8 * mm)
        qr_x, qr_y = x + inner - pad - qr_size, top - height + 10 * mm
        _qr(canvas, record_url, qr_x, qr_y, qr_size)
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(DARK_GREY)
        canvas.drawString(
            x + pad, top - height + 6 * mm, f"Record what happened with your pledge: {record_url}"
        )
    _cut_lines(canvas, 1, 2)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
