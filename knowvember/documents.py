"""Uploaded documents (delegate packs, transcripts, toolkit files): what we accept and where.

A file is accepted only when its extension is on the allow-list *and* its content is what the
extension claims (PDF magic bytes; the right internal structure for Office and OpenDocument
zips; plain UTF-8 text that is not markup). It is stored under a random name outside the public
media URL and only ever leaves through a download view that forces an attachment.
"""

import secrets
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.db import models, transaction
from django.dispatch import receiver
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.functional import LazyObject, cached_property, empty

from knowvember.images import delete_files_after_commit

MAX_FILE_BYTES = 20 * 1024 * 1024
_ZIP_MAX_ENTRIES = 5_000


@dataclass(frozen=True)
class FileFormat:
    extension: str
    label: str
    content_type: str


FORMATS = {
    f.extension: f
    for f in [
        FileFormat("pdf", "PDF", "application/pdf"),
        FileFormat(
            "docx",
            "Word document",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        FileFormat(
            "pptx",
            "PowerPoint presentation",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        FileFormat(
            "xlsx",
            "Excel spreadsheet",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        FileFormat("odt", "OpenDocument text", "application/vnd.oasis.opendocument.text"),
        FileFormat(
            "odp",
            "OpenDocument presentation",
            "application/vnd.oasis.opendocument.presentation",
        ),
        FileFormat("txt", "Text", "text/plain; charset=utf-8"),
        FileFormat("csv", "CSV", "text/csv; charset=utf-8"),
    ]
}
ALLOWED_LIST = ", ".join(f.upper() for f in FORMATS)
# The file picker's filter (a hint only: every upload is still checked by content).
ALLOWED_EXTENSIONS_ACCEPT = ",".join(f".{f}" for f in FORMATS)
# Office Open XML: the folder every genuine file of that kind has inside its zip.
_OOXML_PART = {"docx": "word/", "pptx": "ppt/", "xlsx": "xl/"}
_ODF_MIMETYPE = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}
# Text that a browser could take for a page or an image with script in it.
_MARKUP_HINTS = (b"<!doctype", b"<html", b"<script", b"<svg", b"<?xml", b"<body", b"<iframe")


@deconstructible
class PrivateFileStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT (outside MEDIA_ROOT): no public URL, ever.

    They are served only by our download views; stored names are random and have no
    extension, so even a misconfigured media server could not serve them as a page.
    """

    @cached_property
    def base_location(self):
        private_root = getattr(settings, "PRIVATE_MEDIA_ROOT", None)
        return Path(private_root) if private_root else Path(settings.MEDIA_ROOT) / "private"

    @cached_property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Private files have no public URL; use the download view.")


class _PrivateStorage(LazyObject):
    """STORAGES["private"]: PrivateFileStorage, or PRIVATE_MEDIA_BUCKET (knowvember/storage.py)."""

    def _setup(self):
        self._wrapped = storages["private"]


_private = _PrivateStorage()


@receiver(setting_changed)
def _private_storage_changed(*, setting, **kwargs):
    if setting == "STORAGES":
        _private._wrapped = empty


def private_storage():
    """The private files' storage, for FileField(storage=private_storage).

    A callable, so migrations record this name rather than whichever backend the environment
    picked, and the field follows STORAGES["private"] lazily.
    """
    return _private


def random_name(folder: str) -> str:
    """A random stored name with no trace of the uploader's file name or extension."""
    return f"{folder}/{secrets.token_urlsafe(18)}"


def human_size(size: int | None) -> str:
    """1.2 MB, 340.0 KB, 12 bytes: Django's filesizeformat, empty when the size is unknown."""
    return "" if size is None else str(filesizeformat(size))


def _refuse(message, code="invalid"):
    raise ValidationError(message, code=code)


def _check_zip(upload, extension):
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
            if len(infos) > _ZIP_MAX_ENTRIES:
                _refuse("The file has too many parts inside it to be a document we accept")
            names = [info.filename for info in infos]
            if extension in _OOXML_PART:
                part = _OOXML_PART[extension]
                if "[Content_Types].xml" not in names or not any(
                    name.startswith(part) for name in names
                ):
                    _refuse(f"The file is not a genuine {extension.upper()} file")
            else:
                if (
                    "mimetype" not in names
                    or archive.read("mimetype").strip() != (_ODF_MIMETYPE[extension])
                ):
                    _refuse(f"The file is not a genuine {extension.upper()} file")
    except zipfile.BadZipFile as error:
        raise ValidationError(
            f"The file is not a genuine {extension.upper()} file", code="invalid"
        ) from error


def _check_text(upload, extension):
    upload.seek(0)
    data = upload.read()
    if b"\x00" in data:
        _refuse(f"The file is not a plain {extension.upper()} file")
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(
            f"The {extension.upper()} file must be saved as UTF-8 text", code="encoding"
        ) from error
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1024].lower()
    if head.startswith(b"<") or any(hint in data[:4096].lower() for hint in _MARKUP_HINTS):
        _refuse("The file contains web page or image markup, not plain text")


def validate_document(upload, *, allowed=tuple(FORMATS)) -> FileFormat:
    """Check an uploaded document and return its format, or raise ValidationError.

    The extension must be allowed and the bytes must match it, so a web page, an SVG,
    a script or a program renamed to look like a document is refused.
    """
    extension = Path(upload.name or "").suffix.lower().lstrip(".")
    allowed_text = ", ".join(e.upper() for e in allowed)
    if extension not in allowed:
        _refuse(f"The file must be a {allowed_text}", code="extension")
    if upload.size > MAX_FILE_BYTES:
        _refuse(f"The file must be smaller than {human_size(MAX_FILE_BYTES)}", code="too_large")
    if upload.size == 0:
        _refuse("The selected file is empty", code="empty")
    upload.seek(0)
    head = upload.read(8)
    if extension == "pdf":
        if not head.startswith(b"%PDF-"):
            _refuse("The file is not a genuine PDF")
    elif extension in _OOXML_PART or extension in _ODF_MIMETYPE:
        if not head.startswith(b"PK\x03\x04"):
            _refuse(f"The file is not a genuine {extension.upper()} file")
        _check_zip(upload, extension)
    else:
        _check_text(upload, extension)
    upload.seek(0)
    return FORMATS[extension]


# Downloads are never rendered by the browser: no script, no plugins, no same-origin access.
DOWNLOAD_CSP = "default-src 'none'; sandbox"


def as_protected_download(response):
    """Headers for a file we serve as a download: not sniffed, not scripted, briefly cached."""
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    response["Cache-Control"] = "private, max-age=300"
    return response


def protected_file_response(fieldfile, *, filename: str, content_type: str):
    """Stream a private file through Django as an attachment, after the view's own checks.

    The same for files on disk and in the private bucket (read by the app server, so the
    bucket stays closed to browsers); a missing file is a 404.
    """
    try:
        handle = fieldfile.open("rb")
    except FileNotFoundError as error:
        raise Http404("The file is missing.") from error
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    return as_protected_download(response)


class FileOrLink(models.Model):
    """An uploaded document or a link (delegate-pack items, toolkit files).

    Subclasses declare `file` with their own upload folder; the format and size are
    recorded by `FileOrLinkAdminForm` once the upload has passed `validate_document`.
    """

    file_format = models.CharField(max_length=10, blank=True, editable=False)
    file_size = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    link = models.URLField(max_length=500, blank=True, help_text="Or a link to a web page.")

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.file and self.link:
            raise ValidationError("Give a file or a link, not both.", code="file_and_link")
        if not self.file and not self.link:
            raise ValidationError("Upload a file or give a link.", code="file_or_link")

    @property
    def is_file(self):
        return bool(self.file)

    @property
    def format(self):
        return FORMATS.get(self.file_format)

    @property
    def size_and_format(self):
        """PDF, 1.2 MB."""
        if not self.is_file or not self.format:
            return ""
        return f"{self.file_format.upper()}, {human_size(self.file_size)}"


def file_or_link_save(item):
    """Save a file-or-link record; a replaced or removed file is deleted once committed."""
    with transaction.atomic():
        old = type(item).objects.filter(pk=item.pk).first() if item.pk else None
        if not item.file:
            item.file_format, item.file_size = "", None
        file_replaced = bool(old and old.file and old.file.name != item.file.name)
        item.save()
        if file_replaced:
            delete_files_after_commit(old.file)
    return item
