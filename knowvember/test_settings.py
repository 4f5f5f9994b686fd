"""Settings for the test suite (pyproject.toml points pytest here): development settings plus
what tests need. Production behaviour is tested in subprocesses with knowvember.settings."""

import os

os.environ.setdefault("KNOWVEMBER_ENV", "test")

from knowvember.settings import *  # noqa: E402, F403

# Each test starts from an empty cache (tests/conftest.py clears it), unless REDIS_URL is set.
if not os.environ.get("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # The page cache's versions in memory too: the suite is one process (tests/conftest.py
    # empties every cache between tests).
    CACHES["pages"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "p"}
    CACHES["page_versions"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "v",
        "TIMEOUT": None,
    }

# Hashing strength is not under test; a fast hasher keeps the suite quick.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
