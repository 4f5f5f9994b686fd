"""Cache-backed rate limits shared by every process (the cache is Redis or the database)."""

import hashlib
import ipaddress
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render


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
    cache_key = f"rl:{scope}:{digest}:{window}"
    if cache.add(cache_key, 1, timeout=period + 1):
        return limit < 1
    try:
        return cache.incr(cache_key) > limit
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=period + 1)
        return False


def too_many_requests(request, *, retry_after: int = 60):
    """The friendly 429 page."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = str(retry_after)
    return response
