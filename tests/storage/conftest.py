import uuid

import pytest

from knowvember.storage import media_config
from tests.storage.servers import MotoServer


@pytest.fixture(scope="session")
def moto(tmp_path_factory):
    """moto's S3 server (server mode, a real HTTP endpoint), one for the whole session."""
    server = MotoServer(tmp_path_factory.mktemp("moto"))
    yield server
    server.stop()


@pytest.fixture(params=["filesystem", "s3"])
def media_backend(request, settings, monkeypatch):
    """The site's storages as production configures them: the local disk, or two buckets."""
    if request.param == "s3":
        moto = request.getfixturevalue("moto")
        suffix = uuid.uuid4().hex[:12]
        public, private = f"media-{suffix}", f"private-{suffix}"
        moto.make_buckets(public, private)
        env = moto.env(public, private)
        for name, value in env.items():
            monkeypatch.setenv(name, value)  # credentials: django-storages reads them itself
        config = media_config(env)
        settings.STORAGES = {**settings.STORAGES, **config.storages}
        settings.MEDIA_URL = config.media_url
    return request.param


@pytest.fixture
def moto_if_s3(media_backend, request):
    return request.getfixturevalue("moto") if media_backend == "s3" else None
