"""`make run` starts the web server and the email worker together, from the Procfile."""

import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from django.db import connection

from tests.knowvember.test_settings import clean_environment
from tests.smtp import free_port

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent


def procfile() -> dict[str, str]:
    lines = (ROOT / "Procfile").read_text().splitlines()
    return dict(line.split(":", 1) for line in lines if line.strip() and not line.startswith("#"))


def test_procfile_runs_the_web_server_and_the_email_worker():
    processes = {name: command.strip() for name, command in procfile().items()}

    assert set(processes) == {"web", "worker"}
    assert processes["web"].startswith("gunicorn knowvember.wsgi")
    assert processes["worker"] == "python manage.py db_worker"


def test_make_run_starts_every_procfile_process_with_honcho():
    makefile = (ROOT / "Makefile").read_text()
    run_recipe = re.search(r"^run:.*?\n((?:\t.*\n)+)", makefile, re.MULTILINE)[1]

    assert "honcho start" in run_recipe
    assert "runserver" not in run_recipe


def _wait_for(check, *, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := check():
            return result
        time.sleep(0.05)
    return None


def _database_for_the_processes(tmp_path) -> dict:
    """The test database when it is PostgreSQL (migrated already); else a fresh SQLite file."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
        database = {"DATABASE_URL": f"postgres://{auth}@{db['HOST']}:{db['PORT']}/{db['NAME']}"}
        commands = [["createcachetable"]]
    else:
        database = {"SQLITE_PATH": str(tmp_path / "db.sqlite3")}
        commands = [["migrate", "--noinput", "-v0"], ["createcachetable"]]
    for command in commands:  # as `make run` does
        subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=clean_environment() | database | {"DEBUG": "1"},
            check=True,
            timeout=300,
        )
    return database


def test_honcho_serves_pages_sends_mail_from_the_worker_and_stops_on_ctrl_c(
    tmp_path, transactional_db
):
    port = free_port()
    mail_dir = tmp_path / "mail"
    env = (
        clean_environment()
        | _database_for_the_processes(tmp_path)
        | {
            "DEBUG": "1",
            "EMAIL_BACKEND": "file",
            "EMAIL_FILE_PATH": str(mail_dir),
            "BIND": "127.0.0.1",
            "PATH": f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}",
        }
    )
    honcho = subprocess.Popen(
        [str(VENV_BIN / "honcho"), "start", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

        def page(path):
            try:
                return opener.open(base + path, timeout=5).read().decode()
            except OSError:
                return None

        signup = _wait_for(lambda: page("/community/"), seconds=60)
        assert signup, "the web server did not answer"
        form = dict(
            re.findall(r'name="(csrfmiddlewaretoken|consent_version)" value="([^"]+)"', signup)
        )
        data = form | {
            "email": "new.member@example.nhs.uk",
            "name": "N. Member",
            "role": "Librarian",
            "organisation": "Example ICB",
            "region": "",
            "website": "",
        }
        posted_at = time.monotonic()
        try:
            status = opener.open(
                base + "/community/", urllib.parse.urlencode(data).encode(), timeout=10
            ).status
        except urllib.error.HTTPError as error:
            status = error.code
        answered = time.monotonic() - posted_at

        sent = _wait_for(
            lambda: [f for f in mail_dir.glob("*") if "confirm you want to join" in f.read_text()],
            seconds=30,
        )
        latency = time.monotonic() - posted_at
    finally:
        os.killpg(honcho.pid, signal.SIGINT)  # what Ctrl-C in the terminal does
        output, _ = honcho.communicate(timeout=30)

    assert status == 200, output  # after the redirect to "check your email"
    assert answered < 5
    assert sent, "the worker sent nothing:\n" + output
    assert "confirm you want to join" in sent[0].read_text()
    # Includes the worker starting up beside the web server; steady-state latency is ~0.5 s.
    assert latency < 30, f"sent {latency:.1f} s after the request"
    assert "web.1 stopped" in output
    assert "worker.1 stopped" in output
