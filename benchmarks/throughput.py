"""Pages per second under production settings, against a bare Django view in the same run.

`make bench-http` (or `python benchmarks/throughput.py [--before DIR] [--duration S]`):

1. makes a fresh PostgreSQL database (kv_bench), migrates it and loads the demo content;
2. starts gunicorn (5 workers) with the site under production settings, and the bare view app
   (benchmarks/bare_settings.py: the same middleware, one 20 KB page) beside it;
3. drives each with wrk (16 connections) after a warm-up: the bare view first and last, each page
   between, anonymous and signed in (a session cookie);
4. prints each page's requests a second and its share of the bare view's, for the page cache in
   local memory and in Redis (REDIS_URL), and for the code in DIR (`--before`, a checkout of
   main) when given. Results also go to benchmarks/results/throughput.json.

Only shares within one run mean anything: absolute numbers depend on the machine and its load.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("BENCH_DATABASE", "kv_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/8")
SITE_PORT, BARE_PORT = 8601, 8602
WORKERS = 5
CONNECTIONS = 16
# Production redirects plain HTTP to HTTPS; a proxy in front says the request came over HTTPS.
HEADERS = {"X-Forwarded-Proto": "https"}
SECRET_KEY = "bench-" + secrets.token_urlsafe(32)  # one per run: the session cookie is signed

# The page's name, and a Python expression (run in the site) for its path.
PAGES = [
    ("home", "'/'"),
    ("events list", "'/events/'"),
    ("event page", "Event.objects.published().latest('starts_at').get_absolute_url()"),
    ("pledge wall", "'/pledges/'"),
    ("pledge page", "Pledge.objects.on_wall().latest('pk').get_absolute_url()"),
    ("showcases list", "'/showcases/'"),
    ("showcase page", "Showcase.objects.published().latest('pk').get_absolute_url()"),
    ("community page", "'/community/'"),
    ("stats", "'/pledges/stats/'"),
]

SETUP = """
import json
from django.conf import settings
from django.test import Client
from accounts.models import User
from events.models import Event
from pledges.models import Pledge
from showcases.models import Showcase
paths = {name: eval(expression) for name, expression in %r}
user = User.objects.filter(is_staff=False, pledges__isnull=False).first()
client = Client()
client.force_login(user)
cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
print(json.dumps({"paths": paths, "cookie": cookie}))
"""


def site_env(root: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DEBUG", "PAGE_CACHE"}}
    env.update(
        DATABASE_URL=f"{PG}/{DATABASE}",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DEBUG="0",
        EMAIL_BACKEND="locmem",
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(root),
        DJANGO_SETTINGS_MODULE="knowvember.settings",
    )
    env.update(extra)
    return env


def manage(root: Path, *args, env: dict) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=root,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def prepare_database() -> dict:
    subprocess.run(
        ["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", DATABASE], check=True
    )
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", DATABASE], check=True)
    env = site_env(ROOT)
    manage(ROOT, "migrate", "--noinput", env=env)
    manage(ROOT, "createcachetable", env=env)
    manage(ROOT, "load_demo", env={**env, "DEBUG": "1"})  # refused under production settings
    return json.loads(manage(ROOT, "shell", "-c", SETUP % (PAGES,), env=env).splitlines()[-1])


def get(port: int, path: str, cookie: str = "") -> tuple[int, str]:
    headers = {**HEADERS, **({"Cookie": cookie} if cookie else {})}
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback)
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


class Server:
    """gunicorn serving ROOT's code on PORT until the block ends."""

    def __init__(self, root: Path, port: int, env: dict):
        self.root, self.port, self.env = root, port, env

    def __enter__(self):
        manage(self.root, "collectstatic", "--noinput", "-v0", env=self.env)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "knowvember.wsgi",
                "--workers",
                str(WORKERS),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
                "--chdir",
                str(self.root),
            ],
            env=self.env,
            cwd=self.root,  # `python -m` imports from the working folder first
        )
        for _ in range(120):
            time.sleep(0.5)
            try:
                if get(self.port, "/healthz" if self.port == SITE_PORT else "/")[0] == 200:
                    return self
            except OSError:
                continue
        raise RuntimeError(f"gunicorn on port {self.port} did not start")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)


def wrk(port: int, path: str, duration: int, cookie: str = "") -> float:
    headers = {**HEADERS, **({"Cookie": cookie} if cookie else {})}
    options = [arg for name, value in headers.items() for arg in ("-H", f"{name}: {value}")]
    url = f"http://127.0.0.1:{port}{path}"
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", *options, url]
    subprocess.run([*command[:1], "-d2s", *command[1:]], check=True, capture_output=True)  # warm
    out = subprocess.run(
        [*command[:1], f"-d{duration}s", *command[1:]], check=True, capture_output=True, text=True
    ).stdout
    if "Non-2xx" in out:
        raise RuntimeError(f"{path}: error responses under load\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])


def measure(label: str, root: Path, setup: dict, duration: int, **extra) -> dict:
    """One configuration: the bare view before and after its pages, anonymous and signed in."""
    site = site_env(root, **extra)
    bare = site_env(ROOT, DJANGO_SETTINGS_MODULE="benchmarks.bare_settings")
    results = {"pages": {}}
    with Server(ROOT, BARE_PORT, bare), Server(root, SITE_PORT, site):
        bare_runs = [wrk(BARE_PORT, "/", duration)]
        for name, path in setup["paths"].items():
            for who, cookie in (("anonymous", ""), ("signed in", setup["cookie"])):
                status, body = get(SITE_PORT, path, cookie)
                if status != 200 or (cookie and "Sign out" not in body):
                    raise RuntimeError(f"{label}: {path} answered {status} ({who})")
                results["pages"][f"{name} ({who})"] = wrk(SITE_PORT, path, duration, cookie)
                print(
                    f"  {label:16} {name:15} {who:10} {results['pages'][f'{name} ({who})']:8.0f}",
                    flush=True,
                )
        bare_runs.append(wrk(BARE_PORT, "/", duration))
    results["bare"] = sum(bare_runs) / len(bare_runs)
    print(f"  {label:16} bare view runs: {bare_runs}", flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="a checkout of the code to compare with")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed (Debian/Ubuntu: apt install wrk).")
    setup = prepare_database()
    versions = tempfile.mkdtemp(prefix="kv-page-versions-")
    runs = {}
    if args.before:
        runs["before"] = measure("before", args.before.resolve(), setup, args.duration)
    runs["locmem"] = measure("locmem", ROOT, setup, args.duration, PAGE_CACHE_VERSIONS_DIR=versions)
    runs["redis"] = measure("redis", ROOT, setup, args.duration, REDIS_URL=REDIS_URL)
    shutil.rmtree(versions, ignore_errors=True)

    names = list(runs)
    print("\n| page | " + " | ".join(f"{n} req/s | {n} share" for n in names) + " |")
    print("| --- |" + " --- | --- |" * len(names))
    print("| bare view | " + " | ".join(f"{runs[n]['bare']:.0f} | 100 %" for n in names) + " |")
    for page in runs[names[0]]["pages"]:
        cells = []
        for n in names:
            rate = runs[n]["pages"][page]
            cells.append(f"{rate:.0f} | {100 * rate / runs[n]['bare']:.0f} %")
        print(f"| {page} | " + " | ".join(cells) + " |")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "throughput.json").write_text(json.dumps(runs, indent=2))


if __name__ == "__main__":
    main()
