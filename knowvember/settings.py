"""KNOWvember settings: one file, driven by environment variables (see README)."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from knowvember.storage import media_config

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)
# The test suite runs with knowvember.test_settings, which sets KNOWVEMBER_ENV=test first.
TESTING = os.environ.get("KNOWVEMBER_ENV", "") == "test"
# Anything that is neither a debug run nor the test suite is production, and fails closed.
IS_PRODUCTION = not DEBUG and not TESTING

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if IS_PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. "
            "Set DEBUG=1 for local development, or provide a SECRET_KEY."
        )
    SECRET_KEY = "django-insecure-local-development-only-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if not IS_PRODUCTION else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# --- Hardening (issue 14): the client address used by rate limits. X-Forwarded-For is trusted
# only as far as the proxies in front of the site, counted here, write it (see README). ---
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

INSTALLED_APPS = [
    # Issue 16 (admin): django.contrib.admin with the organisers' site, whose home is a to-do list.
    "website.apps.OrganisersAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.usersessions",
    "crispy_forms",
    "django_tasks_db",
    "anymail",  # Outbox (issue 13): optional mail-service backends and bounce webhooks
    # Core: imports no feature app.
    "knowvember",
    "accounts",
    # Feature apps: each declares what it adds in its AppConfig's Feature.
    "events",
    "pledges",
    "showcases",
    "community",
    # Issue 19: campaign news and the branding toolkit, the first apps added through the contract.
    "news",
    "toolkit",
    # The site layer: composes the features into URLs, home, archive, search and My KNOWvember.
    "website",
]

MIDDLEWARE = [
    # --- Hardening (issue 14): Permissions-Policy and Cross-Origin-Resource-Policy on every
    # response, static files included; WhiteNoise without the staticfiles.json manifest; a body
    # over MAX_REQUEST_BODY_BYTES answers 413 unread; a NUL byte in the path, query or a form
    # field answers 400 before sessions, users or any view could pass it to the database. ---
    "knowvember.middleware.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "knowvember.middleware.StaticFilesMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "knowvember.middleware.RequestBodyLimitMiddleware",
    "knowvember.middleware.NulByteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Speed (issue 17): anonymous pages from the page cache, before users and messages.
    "knowvember.cache.PageCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    # Speed (issue 17): a signed-in person's repeat views, kept for them alone.
    "knowvember.cache.SignedInPageCacheMiddleware",
    "knowvember.middleware.FormErrorStatusMiddleware",
    "knowvember.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "website.urls"
WSGI_APPLICATION = "knowvember.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "knowvember.context_processors.site",
                "website.context_processors.navigation",
            ],
        },
    }
]

# Widget templates come from templates/ too (the NHS.UK date input lives there).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Databases: SQLite unless DATABASE_URL is set.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=600, conn_health_checks=True)
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue
            # for up to `timeout` seconds instead of failing with "database is locked".
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: shared by every process so rate limits hold across workers.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "knowvember_cache",
        }
    }

# --- Speed (issue 17): whole anonymous pages, kept until a write bumps the versions they were
# built from (knowvember/cache.py). With Redis the versions sit beside the pages: a hit is one
# round trip. Without, pages are kept per process and the versions are in a file that every
# process on this one machine maps (PAGE_CACHE_VERSIONS_DIR). PAGE_CACHE="" turns it off. ---
PAGE_CACHE = os.environ.get("PAGE_CACHE", "pages")
PAGE_CACHE_VERSIONS_DIR = ""
if REDIS_URL:
    CACHES["pages"] = {
        "BACKEND": "knowvember.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "pages",
    }
else:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 500},
    }
    PAGE_CACHE_VERSIONS_DIR = os.environ.get(
        "PAGE_CACHE_VERSIONS_DIR", str(BASE_DIR / "page-versions")
    )

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:dashboard"

# django-allauth: email is the login, verified before use.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False  # link scanners must not confirm by opening the link
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
# Bots that fill this hidden field get the normal "check your email" page and no account.
ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD = "website"
# --- Hardening (issue 14): whole NHS trusts share a few internet addresses, so 50 colleagues
# must be able to make accounts from one address at a training session. Only the per-address
# sign-up limit is raised; allauth's per-email and per-account limits stay as they are. ---
ACCOUNT_RATE_LIMITS = {"signup": "100/h/ip"}
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
# allauth's forms in KNOWvember's words (issue 11: sentence case, no placeholders, plain errors).
ACCOUNT_FORMS = {
    name: f"accounts.allauth_forms.{form}"
    for name, form in {
        "login": "LoginForm",
        "signup": "AccountSignupForm",
        "add_email": "AddEmailForm",
        "change_password": "ChangePasswordForm",
        "set_password": "SetPasswordForm",
        "reset_password": "ResetPasswordForm",
        "reset_password_from_key": "ResetPasswordKeyForm",
        "request_login_code": "RequestLoginCodeForm",
        "confirm_login_code": "ConfirmLoginCodeForm",
        "reauthenticate": "ReauthenticateForm",
    }.items()
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "KNOWvember: "
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
# Sessions are recorded per user, so people can sign out other devices and account
# deletion can end every session.
USERSESSIONS_TRACK_ACTIVITY = False

CRISPY_ALLOWED_TEMPLATE_PACKS = ["nhsuk"]
CRISPY_TEMPLATE_PACK = "nhsuk"
CRISPY_FAIL_SILENTLY = not DEBUG

# Email through Django 6.1's MAILERS; the environment picks the backend.
EMAIL_BACKEND_ALIASES = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}
_email_backend = os.environ.get("EMAIL_BACKEND", "smtp" if IS_PRODUCTION else "console")
_email_backend = EMAIL_BACKEND_ALIASES.get(_email_backend, _email_backend)
_email_options: dict = {}
if _email_backend.endswith("filebased.EmailBackend"):
    _email_options["file_path"] = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "sent-mail"))
elif _email_backend.endswith("smtp.EmailBackend"):
    _email_options = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("EMAIL_PORT", "587")),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("EMAIL_USE_TLS", default=True),
        # Outbox (issue 13): a mail server that accepts and then hangs costs a worker at most
        # this many seconds per attempt; the outbox retries later.
        "timeout": int(os.environ.get("EMAIL_TIMEOUT", "10")),
    }
MAILERS = {"default": {"BACKEND": _email_backend, "OPTIONS": _email_options}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "KNOWvember <knowvember@example.nhs.uk>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Outbox (issue 13): mail services and the task worker --------------------------------
# django-anymail is optional: EMAIL_BACKEND=anymail.backends.mailgun.EmailBackend (or another
# ESP) sends through a mail service's API. Every ANYMAIL_* variable becomes an ANYMAIL setting
# (ANYMAIL_MAILGUN_API_KEY, ANYMAIL_MAILGUN_WEBHOOK_SIGNING_KEY, ...); ANYMAIL_WEBHOOK_SECRET
# ("user:password") turns on the bounce and complaint webhooks under /anymail/.
ANYMAIL = {
    name.removeprefix("ANYMAIL_"): value
    for name, value in os.environ.items()
    if name.startswith("ANYMAIL_") and value
}
# Emails are sent by a task worker (`manage.py db_worker`, which `make run` and the Procfile
# start), never inside a request: the database queue is the default everywhere but the test
# suite, where the immediate backend runs tasks when a transaction commits and tests drive the
# outbox themselves (tests/conftest.py). TASKS_BACKEND=immediate sends inline, after commit.
_tasks_backend = os.environ.get("TASKS_BACKEND", "immediate" if TESTING else "database")
if _tasks_backend == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# --- end of the outbox block ---------------------------------------------------------------

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Only the built assets and our own files are published, not the whole npm package.
STATICFILES_DIRS = [BASE_DIR / "static", BASE_DIR / "build"]
# --- Media storage (issue 15): the local disk unless MEDIA_BUCKET / PRIVATE_MEDIA_BUCKET name
# S3-compatible buckets (knowvember/storage.py reads the environment; see README). With local
# media and DEBUG off, MEDIA_SERVED_BY says what serves MEDIA_URL (e.g. "nginx"), or
# `check --deploy` warns. ---
_media = media_config(os.environ)
MEDIA_URL = _media.media_url
MEDIA_SERVED_BY = os.environ.get("MEDIA_SERVED_BY", "")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", str(BASE_DIR / "media")))
# Delegate-pack files and transcripts: outside MEDIA_ROOT, served only through download views.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# --- Hardening (issue 14): whole request bodies, refused with 413 before they are read. A 5 MB
# photo and its form fit the first; the admin takes delegate packs (files up to 20 MB each). ---
MAX_REQUEST_BODY_BYTES = 8 * 1024 * 1024
MAX_ADMIN_REQUEST_BODY_BYTES = 100 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640
STORAGES = {
    **_media.storages,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if IS_PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Security headers. The Content-Security-Policy allows nothing from other origins, except images
# from the media bucket or CDN when public media lives there (issue 15).
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *_media.image_origins],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "knowvember.views.csrf_failure"
# --- Hardening (issue 14): one-off messages live in the session, never in a cookie of their own.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

if IS_PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Django's default config gives the "django" logger a console handler of its own under
        # DEBUG, and the logger also propagates to ours: every line came out twice. Here it only
        # propagates; configuring it resets its children, so runserver's request log is restated.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}

# Personal-data retention for the community list (days): unconfirmed sign-ups, then leavers.
COMMUNITY_PENDING_RETENTION_DAYS = int(os.environ.get("COMMUNITY_PENDING_RETENTION_DAYS", "30"))
COMMUNITY_UNSUBSCRIBED_RETENTION_DAYS = int(
    os.environ.get("COMMUNITY_UNSUBSCRIBED_RETENTION_DAYS", "365")
)

# Campaign-wide knobs.
KNOWVEMBER_DEMO_ORGANISER_EMAIL = "organiser@example.nhs.uk"

# --- Demo content (issue 12): the team's contact address for the contact page. Unset (as in a
# local run), the page names no address rather than a made-up one.
KNOWVEMBER_CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "")
