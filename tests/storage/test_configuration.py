"""Storage from the environment (knowvember/storage.py) and the deploy check on local media."""

from knowvember.checks import check_media_is_served
from knowvember.storage import media_config

BUCKETS = {"MEDIA_BUCKET": "kv-media", "PRIVATE_MEDIA_BUCKET": "kv-private"}


def media_warnings():
    """What `check --deploy` says about media (the check is registered with deploy=True)."""
    return [message for message in check_media_is_served(None) if message.id == "knowvember.W020"]


def test_without_buckets_media_stays_on_the_local_disk():
    config = media_config({})

    assert config.storages["default"]["BACKEND"].endswith("FileSystemStorage")
    assert config.storages["private"]["BACKEND"] == "knowvember.documents.PrivateFileStorage"
    assert config.media_url == "/media/"
    assert config.image_origins == []


def test_public_media_is_read_from_the_endpoint_and_the_csp_allows_that_origin_only():
    config = media_config({**BUCKETS, "AWS_S3_ENDPOINT_URL": "https://s3.example.nhs.uk:9000"})

    assert config.media_url == "https://s3.example.nhs.uk:9000/kv-media/"
    assert config.image_origins == ["https://s3.example.nhs.uk:9000"]
    options = config.storages["default"]["OPTIONS"]
    assert options["querystring_auth"] is False
    assert options["bucket_name"] == "kv-media"


def test_a_cdn_in_front_of_the_bucket_is_the_only_image_origin():
    config = media_config(
        {
            **BUCKETS,
            "AWS_S3_ENDPOINT_URL": "https://s3.example.nhs.uk",
            "MEDIA_CDN_URL": "https://media.knowvember.example.nhs.uk/",
        }
    )

    assert config.media_url == "https://media.knowvember.example.nhs.uk/"
    assert config.image_origins == ["https://media.knowvember.example.nhs.uk"]


def test_amazon_s3_without_an_endpoint_uses_the_regional_bucket_host():
    config = media_config({**BUCKETS, "AWS_S3_REGION_NAME": "eu-west-2"})

    assert config.image_origins == ["https://kv-media.s3.eu-west-2.amazonaws.com"]


def test_private_media_in_a_bucket_only_has_short_lived_signed_links():
    private = media_config(BUCKETS).storages["private"]

    assert private["BACKEND"] == "knowvember.s3.PrivateMediaStorage"
    assert private["OPTIONS"]["querystring_auth"] is True
    assert private["OPTIONS"]["querystring_expire"] <= 300


def test_deploy_check_warns_when_nothing_serves_local_media(settings):
    settings.DEBUG = False
    settings.MEDIA_SERVED_BY = ""

    warnings = media_warnings()

    assert len(warnings) == 1
    assert "MEDIA_SERVED_BY" in warnings[0].hint


def test_deploy_check_is_quiet_when_nginx_serves_local_media(settings):
    settings.DEBUG = False
    settings.MEDIA_SERVED_BY = "nginx"

    assert media_warnings() == []


def test_deploy_check_is_quiet_when_media_is_in_a_bucket(settings):
    settings.DEBUG = False
    settings.MEDIA_SERVED_BY = ""
    settings.STORAGES = {**settings.STORAGES, **media_config(BUCKETS).storages}

    assert media_warnings() == []
