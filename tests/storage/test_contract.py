"""One contract for where media lives: the local disk and S3 object storage behave the same.

Every test runs twice, against the filesystem and against moto's S3 server: photos are stored
re-encoded and served with the site's own headers (by nginx from deploy/ for the disk, by the
bucket otherwise), private files leave only through the download views' permission checks, and
deletes take effect when the transaction commits, never when it rolls back.
"""

import io
import zipfile

import pytest
import requests
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from knowvember.documents import private_storage
from pledges.models import Pledge
from pledges.services import pledges_delete
from showcases.services import stored_files_delete
from tests.factories import PASSWORD, CampaignFactory, OrganiserFactory, RegionFactory
from tests.pledges.factories import ActivityFactory
from tests.pledges.images import jpeg
from tests.showcases.factories import PDF_BYTES, PackFileFactory
from tests.storage.servers import photo_pledge_fields, start_nginx

pytestmark = pytest.mark.django_db


@pytest.fixture
def pledge_with_photo(media_backend, user_client):
    """A pledge whose photo came through the real pledge form."""
    CampaignFactory(name="KNOWvember26", year=2026, is_current=True)
    region = RegionFactory(slug="london", name="London")
    activity = ActivityFactory(slug="knowledge-cafe")
    response = user_client.post(
        "/pledges/new/",
        {
            **photo_pledge_fields(activity, region),
            "photo": jpeg("my-holiday.jpg", gps=True),
            "photo_alt": "Team around a table",
            "show_photo": "on",
            "show_name": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Pledge.objects.get()


def fetch_public(media_backend, field, tmp_path, settings):
    """GET a public media file the way a browser would in production."""
    if media_backend == "s3":
        url = field.url
        assert url.startswith(settings.MEDIA_URL) and "?" not in url  # plain, unsigned
        return requests.get(url, timeout=10)
    nginx = start_nginx(
        tmp_path / "nginx",
        upstreams=[9],  # nothing behind it: only /media/ is asked for
        static_root=tmp_path,
        media_root=settings.MEDIA_ROOT,
    )
    try:
        return requests.get(f"{nginx.url}{field.url}", timeout=10)
    finally:
        nginx.stop()


def test_photo_is_stored_reencoded_under_a_random_name(pledge_with_photo):
    photo = pledge_with_photo.photo

    assert default_storage.exists(photo.name)
    assert default_storage.exists(pledge_with_photo.photo_thumbnail.name)
    assert "my-holiday" not in photo.name
    with photo.open("rb") as handle:
        stored = handle.read()
    assert stored.startswith(b"\xff\xd8") and b"SpyCam" not in stored


def test_photo_is_served_with_the_type_and_disposition_the_site_set(
    pledge_with_photo, media_backend, tmp_path, settings
):
    (tmp_path / "nginx").mkdir()
    response = fetch_public(media_backend, pledge_with_photo.photo, tmp_path, settings)

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/jpeg"
    assert response.headers["Content-Disposition"] == "inline"
    assert response.content.startswith(b"\xff\xd8")


def test_private_file_has_no_public_url_and_is_not_readable_as_media(
    media_backend, tmp_path, settings, moto_if_s3
):
    item = PackFileFactory()
    name = item.file.name

    if media_backend == "filesystem":
        with pytest.raises(ValueError, match="no public URL"):
            item.file.url  # noqa: B018
        assert not item.file.path.startswith(str(settings.MEDIA_ROOT))
        return
    bucket = settings.STORAGES["private"]["OPTIONS"]["bucket_name"]
    head = moto_if_s3.client().head_object(Bucket=bucket, Key=name)
    assert head["ContentType"] == "application/octet-stream"
    assert head["ContentDisposition"] == "attachment"
    grants = moto_if_s3.client().get_object_acl(Bucket=bucket, Key=name)["Grants"]
    assert not [g for g in grants if "AllUsers" in g["Grantee"].get("URI", "")]
    anonymous = requests.get(f"{moto_if_s3.endpoint}/{bucket}/{name}", timeout=10)
    assert anonymous.status_code == 403
    # The only URL the storage makes is presigned and short-lived.
    url = private_storage().url(name)
    assert "X-Amz-Expires=60" in url and "X-Amz-Signature=" in url


def test_private_download_is_allowed_through_the_view(media_backend, client):
    item = PackFileFactory(title="Agenda for the day", order=1)

    response = client.get(item.get_download_url())

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="01-agenda-for-the-day.pdf"'
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_whole_pack_zip_reads_every_file_from_the_storage(media_backend, client):
    item = PackFileFactory(title="Agenda", order=1)

    response = client.get(f"/showcases/{item.showcase.slug}/pack.zip")

    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.read("01-agenda.pdf") == PDF_BYTES


def test_private_download_is_denied_by_the_view_until_published(media_backend, client):
    item = PackFileFactory(showcase__is_published=False)

    assert client.get(item.get_download_url()).status_code == 404
    client.force_login(OrganiserFactory())
    assert client.get(item.get_download_url()).status_code == 200


def test_missing_private_file_is_a_404_not_a_500(media_backend, client):
    item = PackFileFactory()
    private_storage().delete(item.file.name)

    assert client.get(item.get_download_url()).status_code == 404


def test_deleting_a_pledge_removes_its_photos_after_commit(
    pledge_with_photo, django_capture_on_commit_callbacks
):
    names = [pledge_with_photo.photo.name, pledge_with_photo.photo_thumbnail.name]

    with django_capture_on_commit_callbacks(execute=True):
        pledges_delete(pledges=[pledge_with_photo])

    assert not any(default_storage.exists(name) for name in names)


def test_deleting_an_account_removes_its_photos_after_commit(
    pledge_with_photo, client, django_capture_on_commit_callbacks
):
    names = [pledge_with_photo.photo.name, pledge_with_photo.photo_thumbnail.name]
    # The pledge's author is signed in on `client` (user_client); deleting asks for the password.
    assert client.post("/accounts/reauthenticate/", {"password": PASSWORD}).status_code == 302

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/my/delete/", {"confirm": "on"})

    assert response.status_code == 302
    assert not any(default_storage.exists(name) for name in names)


def test_a_rolled_back_delete_keeps_the_files(
    pledge_with_photo, django_capture_on_commit_callbacks
):
    item = PackFileFactory()
    files = [
        (default_storage, pledge_with_photo.photo.name),
        (private_storage(), item.file.name),
    ]

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            pledges_delete(pledges=[pledge_with_photo])
            stored_files_delete(records=[item])
            raise RuntimeError("the request failed after the deletes")

    assert callbacks == []
    assert all(storage.exists(name) for storage, name in files)


def test_deleting_a_pack_file_removes_it_after_commit(
    media_backend, django_capture_on_commit_callbacks
):
    item = PackFileFactory()
    name = item.file.name
    assert private_storage().exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            stored_files_delete(records=[item])
            assert private_storage().exists(name)  # not before the commit
            item.delete()

    assert not private_storage().exists(name)


def test_replacing_a_file_keeps_the_new_one(media_backend):
    name = default_storage.save("stills/a.jpg", ContentFile(b"\xff\xd8first"))
    other = default_storage.save("stills/a.jpg", ContentFile(b"\xff\xd8second"))

    assert name != other  # never overwritten in place: a rolled-back change keeps its file
    with default_storage.open(name) as handle:
        assert handle.read() == b"\xff\xd8first"


def test_nginx_serves_only_images_inline_and_never_private_media(settings, tmp_path):
    media = settings.MEDIA_ROOT
    (media / "private").mkdir(parents=True)
    (media / "private" / "pack").write_bytes(PDF_BYTES)
    (media / "stills").mkdir()
    (media / "stills" / "page.html").write_bytes(b"<script>alert(1)</script>")
    (tmp_path / "nginx").mkdir()
    nginx = start_nginx(tmp_path / "nginx", upstreams=[9], static_root=tmp_path, media_root=media)
    try:
        private = requests.get(f"{nginx.url}/media/private/pack", timeout=10)
        page = requests.get(f"{nginx.url}/media/stills/page.html", timeout=10)
    finally:
        nginx.stop()

    assert private.status_code == 404
    assert page.headers["Content-Type"] == "application/octet-stream"
    assert page.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert page.headers["X-Content-Type-Options"] == "nosniff"
