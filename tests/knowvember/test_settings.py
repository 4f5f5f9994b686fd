"""Settings behave as the README says, checked in fresh interpreters with a given environment."""

import itertools
import os
import subprocess
import sys
from pathlib import Path

from django.core.checks import run_checks
from django.utils.csp import CSP

ROOT = Path(__file__).resolve().parents[2]
PRINT_DB = (
    "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'knowvember.settings'; "
    "from django.conf import settings as s; d = s.DATABASES['default']; "
    "print(d['ENGINE'], d.get('OPTIONS', {}).get('transaction_mode'), d.get('CONN_MAX_AGE'), "
    "d.get('CONN_HEALTH_CHECKS'), s.TASKS['default']['BACKEND'], s.MAILERS['default'])"
)


# Variables the test run itself sets that would change what a fresh process sees.
TEST_RUN_VARIABLES = {
    "DATABASE_URL",
    "DEBUG",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DJANGO_SETTINGS_MODULE",
    "KNOWVEMBER_ENV",
}


def clean_environment():
    return {k: v for k, v in os.environ.items() if k not in TEST_RUN_VARIABLES}


def run_python(code, **env):
    clean = clean_environment()
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def run_manage(*args, **env):
    clean = clean_environment()
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_settings_default_to_sqlite_that_queues_concurrent_writes():
    result = run_python(PRINT_DB, DEBUG="1")

    assert result.returncode == 0, result.stderr
    engine, mode, *_ = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert mode == "IMMEDIATE"


def test_settings_use_postgresql_from_database_url_with_persistent_checked_connections():
    result = run_python(PRINT_DB, DEBUG="1", DATABASE_URL="postgres://kv@db.example:5432/kv")

    assert result.returncode == 0, result.stderr
    engine, _mode, max_age, health, *_ = result.stdout.split()
    assert engine == "django.db.backends.postgresql"
    assert (max_age, health) == ("600", "True")


def test_settings_pick_the_database_task_queue_and_file_email_from_the_environment(tmp_path):
    result = run_python(
        PRINT_DB,
        DEBUG="1",
        TASKS_BACKEND="database",
        EMAIL_BACKEND="file",
        EMAIL_FILE_PATH=str(tmp_path),
    )

    assert result.returncode == 0, result.stderr
    assert "django_tasks_db.DatabaseBackend" in result.stdout
    assert "filebased.EmailBackend" in result.stdout
    assert str(tmp_path) in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DEBUG="0", ALLOWED_HOSTS="knowvember.example.nhs.uk")

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_the_deploy_checks_with_warnings_as_failures():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="a-long-random-production-secret-" + "x7Kq9" * 10,
        ALLOWED_HOSTS="knowvember.example.nhs.uk",
        MEDIA_SERVED_BY="nginx",  # local media, served as deploy/nginx/ does (issue 15)
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_csp_check_fails_when_the_policy_allows_inline_script(settings):
    settings.SECURE_CSP = {"default-src": [CSP.SELF], "script-src": [CSP.SELF, CSP.UNSAFE_INLINE]}

    errors = [e for e in run_checks(tags=["security"]) if e.id.startswith("knowvember.")]

    assert [e.id for e in errors] == ["knowvember.E003"]
    assert "unsafe-inline" in errors[0].msg


def test_csp_check_fails_when_the_policy_or_its_middleware_is_missing(settings):
    settings.SECURE_CSP = {}
    csp_middleware = "django.middleware.csp.ContentSecurityPolicyMiddleware"
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != csp_middleware]

    ids = sorted(e.id for e in run_checks(tags=["security"]) if e.id.startswith("knowvember."))

    assert ids == ["knowvember.E001", "knowvember.E002"]


def test_csp_check_passes_on_the_real_settings():
    assert [e for e in run_checks(tags=["security"]) if e.id.startswith("knowvember.")] == []


def make_run_environment(**env) -> dict:
    """The variables `make run` sets for the server, read from a dry run (`make -n`)."""
    clean = {k: v for k, v in clean_environment().items() if k != "SITE_URL"}
    result = subprocess.run(
        ["make", "-n", "run"],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    server = next(line for line in result.stdout.splitlines() if "honcho start" in line)
    assignments = itertools.takewhile(lambda word: "=" in word, server.split())
    return dict(assignment.split("=", 1) for assignment in assignments)


def test_make_run_on_another_port_sends_links_to_that_port():
    server_env = make_run_environment(PORT="8311")

    result = run_python(
        "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'knowvember.settings'; "
        "import django; django.setup(); from django.conf import settings; "
        "from django.urls import reverse; "
        "print(settings.SITE_URL + reverse('community:signup'))",
        **server_env,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "http://127.0.0.1:8311/community/"


def test_make_run_keeps_a_site_url_that_is_set():
    server_env = make_run_environment(PORT="8311", SITE_URL="https://kv.example.nhs.uk")

    assert server_env["SITE_URL"] == "https://kv.example.nhs.uk"


def test_a_django_log_line_is_printed_once_under_make_run():
    result = run_python(
        "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'knowvember.settings'; "
        "import django, logging; django.setup(); "
        "logging.getLogger('django.request').warning('Not Found: /nowhere/'); "
        "logging.getLogger('community.services').warning('Our own warning')",
        DEBUG="1",
    )

    assert result.returncode == 0, result.stderr
    assert result.stderr.count("Not Found: /nowhere/") == 1
    assert result.stderr.count("Our own warning") == 1
