"""Object storage for media (issue 15): django-storages' S3 backend with our own object headers.

The store never guesses: every object is written with the Content-Type and Content-Disposition
the site chose, so a bucket or CDN serves exactly what a download view would. Public media are
images we re-encoded ourselves (knowvember/images.py), shown inline and cached for good (their
names are random). Private media are never public: no ACL that grants reading, attachment
disposition, and no URL except a short-lived presigned one made for a single download.
"""

from pathlib import PurePosixPath

from django.utils.deconstruct import deconstructible
from storages.backends.s3 import S3Storage

# What public media may be; anything else is stored as a download, never shown.
PUBLIC_IMAGE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}
DOWNLOAD = {"ContentType": "application/octet-stream", "ContentDisposition": "attachment"}


@deconstructible
class PublicMediaStorage(S3Storage):
    """MEDIA_BUCKET: photos and stills, read by browsers straight from the bucket or CDN."""

    default_acl = None  # the bucket's policy makes it readable, not a per-object ACL

    def get_object_parameters(self, name):
        content_type = PUBLIC_IMAGE_TYPES.get(PurePosixPath(name).suffix.lower())
        if content_type is None:
            return dict(DOWNLOAD)
        return {
            "ContentType": content_type,
            "ContentDisposition": "inline",
            "CacheControl": "public, max-age=31536000, immutable",
        }


@deconstructible
class PrivateMediaStorage(S3Storage):
    """PRIVATE_MEDIA_BUCKET: delegate packs, transcripts and toolkit files, behind the views."""

    default_acl = "private"

    def get_object_parameters(self, name):
        return {**DOWNLOAD, "CacheControl": "private, no-store"}
