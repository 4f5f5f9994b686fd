"""Rate limits shared by every process, counted atomically (in Redis, or else in the database)."""

import datetime
import hashlib
import ipaddress
import secrets
import time

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connection
from django.shortcuts import render
from django.utils import timezone

from knowvember.models import RateLimitCounter


def client_ip(request) -> str:
    """The client's address, as far as the site's own proxies vouch for it.

    Each of the TRUSTED_PROXY_COUNT proxies in front of the site appends the address it was
    connected from to X-Forwarded-For, so the client is the Nth hop from the end; anything to
    the left of it was written by the client and is ignored. With no trusted proxies (the
    default) the header is ignored altogether, since anyone can send it.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if trusted <= 0 or not forwarded:
        return remote
    hops = [hop.strip() for hop in forwarded.split(",")]
    # Fewer hops than proxies: the request skipped an outer proxy, so every hop is a proxy's.
    hop = hops[-trusted] if len(hops) >= trusted else hops[0]
    try:
        return str(ipaddress.ip_address(hop))
    except ValueError:
        return remote


def limit_exceeded(scope: str, key: str, *, limit: int, period: int) -> bool:
    """Count one hit for (scope, key) in a fixed window; True once `limit` is passed."""
    digest = hashlib.sha256(key.strip().lower().encode()).hexdigest()[:32]
    window = int(time.time() // period)
    counter_key = f"rl:{scope}:{digest}:{window}"
    if isinstance(caches["default"], DatabaseCache):
        hits = _count_in_database(counter_key, period)
    else:
        hits = _count_in_cache(counter_key, period)
    return hits > limit


def _count_in_cache(counter_key: str, period: int) -> int:
    """Redis (SET NX, INCR) and local memory (under its lock) count atomically themselves."""
    if cache.add(counter_key, 1, timeout=period + 1):
        return 1
    try:
        return cache.incr(counter_key)
    except ValueError:  # expired between add and incr: this hit starts a new window
        cache.add(counter_key, 1, timeout=period + 1)
        return 1


def _count_in_database(counter_key: str, period: int) -> int:
    """One INSERT … ON CONFLICT DO UPDATE … RETURNING: concurrent hits queue on the row lock."""
    now = timezone.now()
    table, key, hits, expires_at = map(
        connection.ops.quote_name,
        [RateLimitCounter._meta.db_table, "key", "hits", "expires_at"],
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({key}, {hits}, {expires_at}) VALUES (%s, 1, %s) "  # noqa: S608
            f"ON CONFLICT ({key}) DO UPDATE SET {hits} = {table}.{hits} + 1 RETURNING {hits}",
            [counter_key, now + datetime.timedelta(seconds=period + 1)],
        )
        (count,) = cursor.fetchone()
    if secrets.randbelow(100) == 0:  # now and then, forget windows that are over
        RateLimitCounter.objects.filter(expires_at__lt=now).delete()
    return count


def too_many_requests(request, *, retry_after: int = 60):
    """The friendly 429 page."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = str(retry_after)
    return response
