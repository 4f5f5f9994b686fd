"""Image files for upload tests, made in memory with Pillow."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def jpeg(name="photo.jpg", size=(800, 600), *, gps=False) -> SimpleUploadedFile:
    picture = Image.new("RGB", size, (200, 30, 30))
    buffer = io.BytesIO()
    exif = Image.Exif()
    if gps:
        exif[0x010F] = "SpyCam Ltd"  # Make
        exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}  # GPSInfo
    picture.save(buffer, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def png(name="photo.png", size=(400, 300), *, appended=b"") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (0, 94, 184)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue() + appended, content_type="image/png")


def decompression_bomb(name="bomb.png") -> SimpleUploadedFile:
    """A 12,000 × 12,000 (144-megapixel) 1-bit PNG of about 17 KB."""
    buffer = io.BytesIO()
    Image.new("1", (12_000, 12_000), 0).save(buffer, format="PNG", optimize=True)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script></svg>"
)
HTML_TAIL = b"<html><body><script>alert(document.cookie)</script></body></html>"


def large_png(size, name="large.png") -> SimpleUploadedFile:
    """A PNG of many pixels but few bytes (one colour, paletted), like the audit's 116 KB ones."""
    buffer = io.BytesIO()
    Image.new("P", size, 0).save(buffer, format="PNG", optimize=True)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def png_header_only(size, name="header.png") -> SimpleUploadedFile:
    """A PNG whose header states `size` but whose pixel data is a single pixel's: undecodable."""
    tiny = large_png((1, 1)).read()
    ihdr = b"IHDR" + struct.pack(">II", *size) + tiny[24:29]
    header = tiny[:12] + ihdr + struct.pack(">I", zlib.crc32(ihdr))
    return SimpleUploadedFile(name, header + tiny[33:], content_type="image/png")
