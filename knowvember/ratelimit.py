"""Cache-backed rate limits shared by every process (the cache is Redis or the database)."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render


def client_ip(request) -> str:
    """The client's address; behind the proxy the last hop it appended is the trusted one."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and settings.BEHIND_PROXY:
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


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
