"""Rate limits count every hit exactly once, even when the hits arrive together."""

import threading

import pytest
import redis
from django.core.cache import cache
from django.db import connection

from knowvember.ratelimit import limit_exceeded

LIMIT = 10
BURST = 30

CACHE_BACKENDS = {
    "database": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "knowvember_cache",
    },
    "redis": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/3",
    },
    "local memory": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}


def redis_is_running():
    try:
        return redis.Redis.from_url(CACHE_BACKENDS["redis"]["LOCATION"]).ping()
    except redis.ConnectionError:
        return False


@pytest.fixture
def cache_backend(request, settings):
    name = request.param
    if name == "redis" and not redis_is_running():
        pytest.fail("MISSING: no Redis answers on 127.0.0.1:6379 (.ci/run starts one)")
    settings.CACHES = {"default": CACHE_BACKENDS[name]}
    if name == "database":
        from django.core.management import call_command

        call_command("createcachetable", verbosity=0)
    cache.clear()
    yield name
    cache.clear()


def burst(scope, key, *, size=BURST, limit=LIMIT):
    """`size` threads hit one limit at the same moment; returns how many got through."""
    barrier = threading.Barrier(size)
    allowed = []

    def hit():
        try:
            barrier.wait()
            if not limit_exceeded(scope, key, limit=limit, period=3600):
                allowed.append(1)
        finally:
            connection.close()

    threads = [threading.Thread(target=hit) for _ in range(size)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(allowed)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("cache_backend", list(CACHE_BACKENDS), indirect=True)
def test_a_concurrent_burst_lets_exactly_the_limit_through(cache_backend):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite's shared in-memory test database reports locks instead of waiting")

    passed = [burst("burst", f"198.51.100.{round_}") for round_ in range(3)]

    assert passed == [LIMIT] * 3


@pytest.mark.django_db
@pytest.mark.parametrize("cache_backend", list(CACHE_BACKENDS), indirect=True)
def test_limits_count_per_scope_and_key(cache_backend):
    results = [limit_exceeded("scope-a", "Key@Example", limit=2, period=60) for _ in range(3)]

    assert results == [False, False, True]
    assert limit_exceeded("scope-a", "key@example ", limit=2, period=60)  # same key, normalised
    assert not limit_exceeded("scope-b", "key@example", limit=2, period=60)
    assert not limit_exceeded("scope-a", "other", limit=2, period=60)
