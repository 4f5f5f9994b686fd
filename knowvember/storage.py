"""Where uploaded files live, read from the environment by settings.py (issue 15).

Unset, both kinds of media stay on the local disk: public media under MEDIA_ROOT (served in
production by the reverse proxy, deploy/nginx/knowvember.conf) and private media under
PRIVATE_MEDIA_ROOT (served only by download views). With MEDIA_BUCKET and PRIVATE_MEDIA_BUCKET
they go to S3-compatible object storage through django-storages (knowvember/s3.py), so every
app server sees what any of them stored. Credentials use django-storages' own variables
(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), which it reads from the environment itself.

This module is imported by settings, so it imports nothing from Django or boto3.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

LOCAL_MEDIA = "django.core.files.storage.FileSystemStorage"
LOCAL_PRIVATE_MEDIA = "knowvember.documents.PrivateFileStorage"
# Presigned links to private files are only ever made for one download, so they live briefly.
PRESIGNED_SECONDS = 60


@dataclass(frozen=True)
class MediaConfig:
    storages: dict
    media_url: str
    # Origins the CSP's img-src allows beside the site itself: exactly where public media lives.
    image_origins: list[str] = field(default_factory=list)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def public_media_base(env: Mapping[str, str], bucket: str) -> str:
    """The URL public media is read from: a CDN or custom domain, else the bucket itself."""
    cdn = env.get("MEDIA_CDN_URL", "").rstrip("/")
    if cdn:
        return cdn
    endpoint = env.get("AWS_S3_ENDPOINT_URL", "").rstrip("/")
    if endpoint:  # MinIO, Ceph, R2, moto: path-style addressing under the endpoint
        return f"{endpoint}/{bucket}"
    region = env.get("AWS_S3_REGION_NAME", "") or "eu-west-2"
    return f"https://{bucket}.s3.{region}.amazonaws.com"


def _bucket_options(env: Mapping[str, str], bucket: str) -> dict:
    options = {"bucket_name": bucket, "file_overwrite": False}
    if env.get("AWS_S3_ENDPOINT_URL"):
        options |= {"endpoint_url": env["AWS_S3_ENDPOINT_URL"], "addressing_style": "path"}
    if env.get("AWS_S3_REGION_NAME"):
        options["region_name"] = env["AWS_S3_REGION_NAME"]
    return options


def media_config(env: Mapping[str, str]) -> MediaConfig:
    """STORAGES' default (public) and private entries, MEDIA_URL and the CSP's image origins."""
    public_bucket = env.get("MEDIA_BUCKET", "")
    private_bucket = env.get("PRIVATE_MEDIA_BUCKET", "")
    storages = {}
    if public_bucket:
        base = public_media_base(env, public_bucket)
        parts = urlsplit(base)
        storages["default"] = {
            "BACKEND": "knowvember.s3.PublicMediaStorage",
            "OPTIONS": {
                **_bucket_options(env, public_bucket),
                # Plain, unsigned URLs under the public base: the bucket (or CDN) serves them.
                "querystring_auth": False,
                "custom_domain": f"{parts.netloc}{parts.path}",
                "url_protocol": f"{parts.scheme}:",
            },
        }
        media_url, image_origins = f"{base}/", [_origin(base)]
    else:
        storages["default"] = {"BACKEND": LOCAL_MEDIA}
        media_url, image_origins = "/media/", []
    if private_bucket:
        storages["private"] = {
            "BACKEND": "knowvember.s3.PrivateMediaStorage",
            "OPTIONS": {
                **_bucket_options(env, private_bucket),
                "querystring_auth": True,
                "querystring_expire": PRESIGNED_SECONDS,
            },
        }
    else:
        storages["private"] = {"BACKEND": LOCAL_PRIVATE_MEDIA}
    return MediaConfig(storages=storages, media_url=media_url, image_origins=image_origins)
