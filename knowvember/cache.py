"""Whole anonymous pages, kept until a write changes what they were built from (issue 17).

A page is stored with the *versions* of the app labels it depends on (its own app, the apps its
models point at or are pointed at from, and the core). Every INSERT, UPDATE or DELETE on a
model's table bumps its app label's version: at once and again when the transaction commits, on
every worker and node, because the versions live in the shared cache (Redis) or, without Redis,
in files on the one machine. Nothing has to remember to invalidate: writes through `save()`,
`QuerySet.update()`, `bulk_create()`, deletes and raw SQL are all seen where they run, in the
database connection (`track_writes`). Only tables listed in NOT_CONTENT never bump.

A hit costs one cache round trip (the page and every version in one `get_many`), no database
query and no template: `PageCacheMiddleware` answers before sessions, users and messages are
touched. Only anonymous GETs without a session cookie are served from or stored in the cache;
the CSRF token is a placeholder in the stored page, filled per request.
"""

import hashlib
import logging
import mmap
import os
import re
import time
from functools import cache, wraps
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.session import SessionStorage
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from django.db import InterfaceError, OperationalError, connections
from django.db.backends.signals import connection_created
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers

logger = logging.getLogger(__name__)

# The core every page shows (editions, regions, people's display names).
CORE_LABELS = ("knowvember", "accounts")
# Groups and permissions: what a signed-in person's pages show them (organisers see drafts).
PERMISSIONS_LABEL = "auth"
# Rows that are not content: no page shows them, so writing them never bumps a version.
NOT_CONTENT = {
    "knowvember.OutboundEmail",
    "knowvember.SuppressedAddress",
    "knowvember.RateLimitCounter",
}
# Updates of these columns alone are not content either (signing in records last_login).
NOT_CONTENT_UPDATES = {"accounts_user": ("last_login",)}

# Pages also change with the clock (an event starts, booking closes), at whole minutes: a page
# is served only in the minute it was built in.
CLOCK_STEP = 60

MESSAGES_SESSION_KEY = SessionStorage.session_key

CSRF_PLACEHOLDER = b"\x00csrf-token\x00"
_CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(")')
_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"([^"]+)"', re.IGNORECASE)


# --- Versions ----------------------------------------------------------------------------------


@cache
def content_labels() -> tuple[str, ...]:
    """Every project app with models: each has a version."""
    labels = {
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).parent == settings.BASE_DIR and any(config.get_models())
    }
    return tuple(sorted(labels | {PERMISSIONS_LABEL}))


@cache
def _table_labels() -> dict[str, str]:
    """{database table: app label} for every content table, many-to-many tables included."""
    labels = set(content_labels())
    return {
        model._meta.db_table: model._meta.app_label
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in labels and model._meta.label not in NOT_CONTENT
    }


@cache
def _not_content_prefixes() -> tuple[str, ...]:
    return tuple(
        f'UPDATE "{table}" SET "{column}" = %s WHERE'  # noqa: S608 (compared, never run)
        for table, columns in NOT_CONTENT_UPDATES.items()
        for column in columns
    )


def _version_key(label: str) -> str:
    return f"v:{label}"


class SharedVersions:
    """Versions kept in the page cache itself (Redis): read with the page in one round trip."""

    def lookup(self, key: str):
        """(entry or None, {label: version}) for every label."""
        keys = [_version_key(label) for label in content_labels()]
        pages = caches[settings.PAGE_CACHE]
        found = getattr(pages, "get_many_made_keys", pages.get_many)([key, *keys])
        return found.get(key), {label: found.get(_version_key(label)) for label in content_labels()}

    def current(self) -> dict:
        """Every label's version, giving a first one to any without (before a page is built)."""
        pages = caches[settings.PAGE_CACHE]
        keys = [_version_key(label) for label in content_labels()]
        found = pages.get_many(keys)
        if len(found) < len(keys):
            for key in keys:
                if key not in found:
                    pages.add(key, os.urandom(8).hex(), timeout=None)
            found = pages.get_many(keys)
        return {label: found.get(_version_key(label)) for label in content_labels()}

    def bump(self, labels) -> None:
        token = os.urandom(8).hex()
        pages = caches[settings.PAGE_CACHE]
        pages.set_many({_version_key(label): token for label in labels}, timeout=None)


class FileVersions:
    """Versions for one machine without Redis: a small file every process maps into memory.

    Each label has a 16-byte slot; a bump writes new random bytes into it, which every process
    sees at once. A read racing a bump may see half a token: a value no page is stored under,
    so at worst a miss.
    """

    SLOT = 16

    def __init__(self, folder: str):
        labels = content_labels()
        self.slots = {label: i * self.SLOT for i, label in enumerate(labels)}
        digest = hashlib.md5(",".join(labels).encode(), usedforsecurity=False).hexdigest()[:8]
        path = Path(folder) / f"versions-{digest}.bin"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_bytes(os.urandom(self.SLOT * len(labels)))
            try:
                os.link(temporary, path)  # whoever links first wins; the others use theirs
            except FileExistsError:
                pass
            temporary.unlink()
        with open(path, "r+b") as file:
            self.map = mmap.mmap(file.fileno(), self.SLOT * len(labels))

    def get(self, labels) -> dict:
        return {
            label: self.map[self.slots[label] : self.slots[label] + self.SLOT] for label in labels
        }

    def lookup(self, key: str):
        entry = caches[settings.PAGE_CACHE].get(key)
        return entry, self.get(content_labels())

    def current(self) -> dict:
        return self.get(content_labels())

    def bump(self, labels) -> None:
        token = os.urandom(self.SLOT)
        for label in labels:
            self.map[self.slots[label] : self.slots[label] + self.SLOT] = token


@cache
def _file_versions(folder: str) -> FileVersions:
    return FileVersions(folder)


def _versions():
    if settings.PAGE_CACHE_VERSIONS_DIR:
        return _file_versions(str(settings.PAGE_CACHE_VERSIONS_DIR))
    return SharedVersions()


def bump(*labels: str) -> None:
    """Give the labels new versions: every page built from them is stale from now on."""
    try:
        _versions().bump(labels)
    except Exception:
        # The cache is unreachable (so are its pages): the write itself must not fail.
        logger.exception("Could not bump the page cache versions of %s", labels)


def _bump_on_commit(connection, label: str) -> None:
    """Bump now (so no page is cached from the rows as they were) and again on commit.

    A page built while the transaction is open shows the rows before it; the bump on commit
    retires it. Once per label per transaction on commit; at every write now (a transaction
    that never commits, as in a test, still shows its own writes).
    """
    bump(label)
    if not connection.in_atomic_block:
        return  # autocommit: the statement has committed
    pending = getattr(connection, "_page_cache_pending", None)
    if pending is None or pending[0] is not connection.run_on_commit:
        # A new transaction (Django starts a new on-commit list for each, and after a rollback).
        pending = connection._page_cache_pending = (connection.run_on_commit, set())
    if label not in pending[1]:
        pending[1].add(label)
        connection.on_commit(lambda: bump(label))


def track_writes(execute, sql, params, many, context):
    """Database execute wrapper: a write to a content table bumps its app label."""
    result = execute(sql, params, many, context)
    if sql[:1] in "IUDiud " and (match := _WRITE.match(sql)):
        label = _table_labels().get(match[1])
        if label and not sql.startswith(_not_content_prefixes()):
            _bump_on_commit(context["connection"], label)
    return result


def _install(connection, **kwargs):
    if track_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(track_writes)


def install_write_tracking() -> None:
    """Called from the core app's ready(): every database connection bumps on writes."""
    connection_created.connect(_install, dispatch_uid="knowvember.cache.track_writes")
    for connection in connections.all(initialized_only=True):
        _install(connection)


# --- What a page depends on --------------------------------------------------------------------


@cache
def app_dependencies(label: str) -> tuple[str, ...]:
    """The app, the core, and every app whose models its models point at or are pointed from."""
    found = {label, *CORE_LABELS}
    for model in apps.get_app_config(label).get_models():
        for field in model._meta.get_fields(include_hidden=True):
            if field.related_model is not None and not isinstance(field.related_model, str):
                found.add(field.related_model._meta.app_label)
    return tuple(sorted(found & set(content_labels())))


def cached_page(view=None, *, every_app=False):
    """Let the page cache keep this view's anonymous GET responses (see the module docstring).

    The page depends on its own app's content and related apps' (`app_dependencies`);
    `every_app=True` for pages that compose every feature (home).
    """

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if every_app:
                request.page_cache_labels = content_labels()
            else:
                # The URL's view (a class-based view's as_view() keeps its class's module).
                module = request.resolver_match.func.__module__
                label = apps.get_containing_app_config(module).label
                request.page_cache_labels = app_dependencies(label)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate(view) if view is not None else decorate


def content_etag(label: str):
    """An ETag function for Django's `condition` decorator (feeds, calendars): the versions of
    what the app's pages show, and the minute. A client's copy is answered 304 until a write."""

    def etag(request, *args, **kwargs):
        if not settings.PAGE_CACHE:
            return None
        versions = _versions().current()
        minute = int(time.time() // CLOCK_STEP)
        raw = f"{minute} " + " ".join(f"{k}={versions[k]!r}" for k in app_dependencies(label))
        return hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()

    return etag


# --- The store ---------------------------------------------------------------------------------


def _page_key(request, session_key: str = "") -> str:
    raw = f"{session_key} {request.META.get('HTTP_HOST', '')}{request.get_full_path()}"
    return "p:" + hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()


def _lookup(key: str, minute: int):
    """(fresh entry or None, {label: version} read before the page would be built)."""
    versions_store = _versions()
    entry, versions = versions_store.lookup(key)
    if (
        entry is not None
        and entry[-1] == minute
        and all(versions.get(label) == v for label, v in entry[0].items())
    ):
        return entry, versions
    if None in versions.values():
        versions = versions_store.current()
    return None, versions


def _storable(request, response, *, signed_in=False) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if "private" in response.get("Cache-Control", "") or "no-store" in response.get(
        "Cache-Control", ""
    ):
        return False
    session = getattr(request, "session", None)
    if session is not None and (session.modified or (session.session_key and not signed_in)):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated != signed_in:
        return False
    messages = getattr(request, "_messages", None)
    return not (messages is not None and (messages._queued_messages or messages.used))


def _entry(request, response, versions: dict, minute: int) -> tuple | None:
    body = response.content
    csrf = bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
    if csrf:
        body, found = _CSRF_INPUT.subn(rb"\1" + CSRF_PLACEHOLDER + rb"\2", body)
        if not found:
            return None  # the token is somewhere other than a form field: not for sharing
    headers = [
        (name, value)
        for name, value in response.headers.items()
        if name.lower() not in {"vary", "content-length", "set-cookie"}
    ]
    csp = tuple(getattr(response, name, None) for name in ("_csp_config", "_csp_ro_config"))
    labels = request.page_cache_labels
    if request.user.is_authenticated:
        labels = (*labels, PERMISSIONS_LABEL)
    return ({label: versions[label] for label in labels}, headers, body, csrf, csp, minute)


def _response(request, entry) -> HttpResponse:
    _versions, headers, body, csrf, csp, _minute = entry
    if csrf:
        body = body.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(body)
    for name, value in headers:
        response.headers[name] = value
    for name, config in zip(("_csp_config", "_csp_ro_config"), csp, strict=True):
        if config is not None:
            setattr(response, name, config)
    patch_vary_headers(response, ("Cookie",))
    return response


def _serve_or_fill(request, get_response, key: str, *, signed_in: bool):
    """The stored page under `key` if its versions are current; else the view's answer, kept
    when the view is a `cached_page` and the answer may be stored."""
    minute = int(time.time() // CLOCK_STEP)  # before any content is read
    try:
        entry, versions = _lookup(key, minute)
    except Exception:  # noqa: BLE001 - a cache outage costs speed, never the page
        return get_response(request)
    if entry is not None:
        return _response(request, entry)
    response = get_response(request)
    if getattr(request, "page_cache_labels", None) and _storable(
        request, response, signed_in=signed_in
    ):
        if None not in versions.values():
            if entry := _entry(request, response, versions, minute):
                caches[settings.PAGE_CACHE].set(key, entry, timeout=CLOCK_STEP)
    return response


class PageCacheMiddleware:
    """Serve anonymous GETs of `cached_page` views from the page cache, and fill it.

    After the security, NUL-byte, session-cookie and CSRF middleware (which still apply to a
    hit) and before authentication and messages, which a hit never touches.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method != "GET"
            or not settings.PAGE_CACHE
            or settings.SESSION_COOKIE_NAME in request.COOKIES
        ):
            return self.get_response(request)
        return _serve_or_fill(request, self.get_response, _page_key(request), signed_in=False)


# --- Redis ------------------------------------------------------------------------------------


class _ReusedClient(RedisCacheClient):
    """Django's Redis client builds a redis.Redis object for every call (a third of a hit's
    time); one per connection pool serves every call (they are thread-safe)."""

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        clients = self.__dict__.setdefault("_reused", {})
        if index not in clients:
            clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return clients[index]


class RedisCache(DjangoRedisCache):
    """Django's Redis cache with one client object per connection pool (settings.CACHES)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusedClient

    def get_many_made_keys(self, keys):
        """get_many() for the page cache's own keys (short, ASCII): without checking each one
        for memcached's rules, which took a tenth of a hit."""
        made = {self.make_key(key): key for key in keys}
        return {made[key]: value for key, value in self._cache.get_many(made).items()}


class SignedInPageCacheMiddleware:
    """Serve a signed-in person's repeat GETs of `cached_page` views from the page cache.

    Kept per session (never shared between people), with the same versions as anonymous pages
    plus groups and permissions, and never while messages wait to be shown. After the
    authentication, messages and allauth middleware: a hit costs the session and user queries.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    @staticmethod
    def _eligible(request) -> bool:
        """Signed in, with no messages waiting (the session and user are read here)."""
        try:
            return request.user.is_authenticated and MESSAGES_SESSION_KEY not in request.session
        except (OperationalError, InterfaceError):
            return False  # the view answers 503 (DatabaseUnavailableMiddleware)

    def __call__(self, request):
        if (
            request.method != "GET"
            or not settings.PAGE_CACHE
            or settings.SESSION_COOKIE_NAME not in request.COOKIES
            or not self._eligible(request)
        ):
            return self.get_response(request)
        key = _page_key(request, request.session.session_key)
        return _serve_or_fill(request, self.get_response, key, signed_in=True)
