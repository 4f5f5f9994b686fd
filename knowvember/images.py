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

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_SOURCE_PIXELS = 40_000_000  # far above any camera photo, far below a decompression bomb
MAX_SIDE = 1600
THUMBNAIL_SIDE = 400
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}

# Pillow refuses anything larger than twice this outright; between the two it warns,
# and we treat that warning as an error.
Image.MAX_IMAGE_PIXELS = MAX_SOURCE_PIXELS


@dataclass
class ProcessedImage:
    image: ContentFile
    thumbnail: ContentFile
    width: int
    height: int


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
            with Image.open(upload) as probe:
                if probe.format not in ACCEPTED_FORMATS:
                    raise ValidationError(
                        "The photo must be a JPG, PNG or WebP image", code="format"
                    )
                probe.verify()
            upload.seek(0)
            with Image.open(upload) as original:
                original.load()
                picture = ImageOps.exif_transpose(original)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError("The photo is too large in pixels", code="too_many_pixels") from error
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
