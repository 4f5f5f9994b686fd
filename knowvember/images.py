"""Uploaded photos: verified and re-encoded with Pillow before anything is stored.

Re-encoding drops whatever rode along in the original (EXIF and GPS metadata, appended HTML,
polyglot payloads), applies the camera's orientation and bounds the size, so what we serve
is an image we made ourselves.
"""

import io
import secrets
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageOps

from knowvember.ratelimit import client_ip, limit_exceeded

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# What a phone camera takes (6000 × 4000); read from the file's header, before any decoding.
MAX_SOURCE_PIXELS = 24_000_000
MAX_SIDE = 1600
THUMBNAIL_SIDE = 400
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
HOUR = 60 * 60
# Upload attempts, valid or not, per hour: decoding is what costs, so every attempt counts.
PHOTO_UPLOADS_PER_ACCOUNT = 20
PHOTO_UPLOADS_PER_ADDRESS = 200  # a whole NHS trust may share one address

# A backstop for any other Pillow use: it warns above this (an error for us) and refuses
# anything larger than twice this outright.
Image.MAX_IMAGE_PIXELS = MAX_SOURCE_PIXELS


@dataclass
class ProcessedImage:
    image: ContentFile
    thumbnail: ContentFile
    width: int
    height: int


def _too_many_pixels() -> ValidationError:
    megapixels = MAX_SOURCE_PIXELS // 1_000_000
    return ValidationError(
        f"The photo is too large in pixels. Upload a photo of up to {megapixels} megapixels",
        code="too_many_pixels",
    )


def _encode(picture: Image.Image, name: str) -> ContentFile:
    buffer = io.BytesIO()
    if picture.mode in ("RGBA", "LA", "P"):
        picture = picture.convert("RGBA")
        picture.save(buffer, format="WEBP", quality=85, method=4)
        extension = "webp"
    else:
        picture.convert("RGB").save(buffer, format="JPEG", quality=85, optimize=True)
        extension = "jpg"
    return ContentFile(buffer.getvalue(), name=f"{name}.{extension}")


def process_image(upload) -> ProcessedImage:
    """Verify an uploaded photo and return re-encoded copies under new random names.

    Raises ValidationError with a message fit to show beside the field.
    """
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"The photo must be smaller than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB",
            code="too_large",
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload) as probe:  # reads the header only
                if probe.format not in ACCEPTED_FORMATS:
                    raise ValidationError(
                        "The photo must be a JPG, PNG or WebP image", code="format"
                    )
                width, height = probe.size
                if width * height > MAX_SOURCE_PIXELS:
                    raise _too_many_pixels()
                probe.verify()
            upload.seek(0)
            with Image.open(upload) as original:
                original.draft(None, (MAX_SIDE, MAX_SIDE))  # JPEG: decode at a reduced scale
                original.load()
                picture = ImageOps.exif_transpose(original)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_many_pixels() from error
    except Exception as error:  # Pillow raises many types for broken files
        raise ValidationError(
            "The selected file is not a photo we can read. Upload a JPG, PNG or WebP image",
            code="invalid",
        ) from error

    picture.thumbnail((MAX_SIDE, MAX_SIDE))
    name = secrets.token_urlsafe(16)
    full = _encode(picture, name)
    small = picture.copy()
    small.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
    thumbnail = _encode(small, f"{name}-thumb")
    return ProcessedImage(
        image=full, thumbnail=thumbnail, width=picture.width, height=picture.height
    )


def delete_files_after_commit(*fields) -> None:
    """Delete the files behind FieldFile values once the surrounding transaction commits.

    A row that stops pointing at a file (replaced, removed or deleted) lets the file go only
    when that change is stored for good: a rolled-back change keeps its file. Outside a
    transaction the files go at once. The storage and name are read now, because the field
    may point at another file by the time the transaction commits.
    """
    stored = [(field.storage, field.name) for field in fields if field and field.name]
    if stored:
        transaction.on_commit(lambda: [storage.delete(name) for storage, name in stored])


def photo_uploads_exceeded(request) -> bool:
    """Count a photo upload attempt for the person and for their address; True once either is over.

    Call it before the form decodes the photo, for every attempt, valid or not.
    """
    person = limit_exceeded(
        "photo-upload-account", str(request.user.pk), limit=PHOTO_UPLOADS_PER_ACCOUNT, period=HOUR
    )
    address = limit_exceeded(
        "photo-upload-address", client_ip(request), limit=PHOTO_UPLOADS_PER_ADDRESS, period=HOUR
    )
    return person or address
