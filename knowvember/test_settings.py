"""Settings for the test suite (pyproject.toml points pytest here): development settings plus
what tests need. Production behaviour is tested in subprocesses with knowvember.settings."""

import os
import tempfile

os.environ.setdefault("KNOWVEMBER_ENV", "test")

from knowvember.settings import *  # noqa: E402, F403

# Each test starts from an empty cache (tests/conftest.py clears it), unless REDIS_URL is set.
if not os.environ.get("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # The page cache's versions in a throwaway folder (tests/conftest.py empties the caches).
    CACHES["pages"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "p"}
    PAGE_CACHE_VERSIONS_DIR = tempfile.mkdtemp(prefix="kv-page-versions-")

# Hashing strength is not under test; a fast hasher keeps the suite quick.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
