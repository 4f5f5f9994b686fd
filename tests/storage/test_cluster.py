"""Two app nodes behind nginx, sharing PostgreSQL, Redis and an S3 server (issue 15).

Everything runs as in production: nginx from deploy/nginx/knowvember.conf (its ports, paths and
a self-signed certificate swapped in), two gunicorn nodes and one `db_worker` with DEBUG off,
the test database, Redis DB 7 and moto's S3 server. The test talks to node A and node B
directly (as nginx would, with X-Forwarded-Proto) to show they share photos, sessions and rate
limits, then sends forms through nginx while node A is stopped: every form either succeeds or
gets a clean error the client retries, and the rows in the database match. The numbers it
measured are printed (run with -s to see them).
"""

import os
import re
import secrets
import signal
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from community.models import Subscription
from knowvember.models import OutboundEmail
from pledges.models import Pledge
from tests.factories import PASSWORD, CampaignFactory, RegionFactory, UserFactory
from tests.pledges.factories import ActivityFactory
from tests.pledges.images import jpeg
from tests.storage.servers import (
    ROOT,
    free_port,
    photo_pledge_fields,
    require_nginx,
    start_nginx,
    stop,
    wait_until,
)

pytestmark = [pytest.mark.cluster, pytest.mark.django_db(transaction=True)]

OVERALL_SECONDS = 300
REDIS_URL = "redis://127.0.0.1:6379/7"
LOAD_FORMS = 30
LOAD_THREADS = 3
RETRYABLE = {502, 503, 504}


@dataclass
class Node:
    name: str
    port: int
    process: subprocess.Popen
    access_log: Path

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def served(self) -> int:
        return sum(1 for _ in self.access_log.open()) if self.access_log.exists() else 0


@dataclass
class Client:
    """A browser talking to one node directly, or to nginx over TLS.

    Cookies are kept by hand: the site's are Secure (`__Host-`), and a direct connection to
    a node is plain HTTP behind the proxy that would have terminated TLS.
    """

    base: str
    host: str
    verify: str | bool = True
    cookies: dict = field(default_factory=dict)

    def request(self, method, path, *, base=None, **kwargs):
        headers = {
            "Host": self.host,
            "X-Forwarded-Proto": "https",
            "Referer": f"https://{self.host}{path}",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        response = requests.request(
            method,
            f"{base or self.base}{path}",
            headers=headers,
            allow_redirects=False,
            timeout=30,
            verify=self.verify,
            **kwargs,
        )
        self.cookies.update(response.cookies.get_dict())
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post_form(self, path, data, *, files=None, base=None, query=""):
        """GET the form (for its CSRF token), then POST it, as a browser would."""
        page = self.get(path + query, base=base)
        assert page.status_code == 200, (path, page.status_code)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        return self.request(
            "POST", path, base=base, data={"csrfmiddlewaretoken": token, **data}, files=files
        )


def _env(tmp: Path, *, bucket_env: dict) -> dict:
    database = settings.DATABASES["default"]
    return {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp),
        "DJANGO_SETTINGS_MODULE": "knowvember.settings",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        ),
        "REDIS_URL": REDIS_URL,
        "TRUSTED_PROXY_COUNT": "1",
        "STATIC_ROOT": str(tmp / "static"),
        "EMAIL_BACKEND": "file",
        "EMAIL_FILE_PATH": str(tmp / "mail"),
        "LOG_LEVEL": "WARNING",
        **bucket_env,
    }


def _start_node(name, tmp, env) -> Node:
    port = free_port()
    log = tmp / f"node-{name}.log"
    access = tmp / f"node-{name}-access.log"
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "knowvember.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--threads",
            "4",
            "--graceful-timeout",
            "20",
            # Two nodes on one machine would share gunicorn's default control socket.
            "--no-control-socket",
            "--access-logfile",
            str(access),
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    node = Node(name, port, process, access)
    wait_until(
        lambda: requests.get(f"{node.url}/healthz", timeout=5).status_code == 200,
        timeout=120,
        what=f"node {name} (see {log})",
        process=process,
    )
    return node


def _self_signed(tmp: Path) -> tuple[Path, Path]:
    cert, key = tmp / "cert.pem", tmp / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def _signup_data(page_html, email):
    version = re.search(r'name="consent_version" value="(\d+)"', page_html).group(1)
    return {
        "email": email,
        "name": "Sam Example",
        "role": "Librarian",
        "organisation": "Example NHS Foundation Trust",
        "region": "",
        "website": "",
        "consent_version": version,
    }


def _submit_signup(client: Client, email: str, outcome: dict, lock: threading.Lock):
    """One person joining the mailing list through nginx; clean errors are retried."""
    for _attempt in range(4):
        try:
            page = client.get("/community/")
            if page.status_code in RETRYABLE:
                raise ConnectionError(page.status_code)
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
            response = client.request(
                "POST",
                "/community/",
                data={"csrfmiddlewaretoken": token, **_signup_data(page.text, email)},
            )
        except (ConnectionError, requests.RequestException):
            with lock:
                outcome["retried"] += 1
            time.sleep(0.5)
            continue
        if response.status_code in RETRYABLE:
            with lock:
                outcome["clean_errors"] += 1
                outcome["retried"] += 1
            time.sleep(0.5)
            continue
        with lock:
            key = "ok" if response.status_code == 302 else f"status {response.status_code}"
            outcome[key] = outcome.get(key, 0) + 1
        return response.status_code == 302
    return False


def test_two_nodes_share_media_sessions_and_limits_and_survive_losing_one(tmp_path, moto):
    started = time.monotonic()
    numbers = {}
    require_nginx()
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()  # our own Redis DB only

    processes = []
    nginx = None
    try:
        suffix = uuid.uuid4().hex[:12]
        public, private = f"media-{suffix}", f"private-{suffix}"
        moto.make_buckets(public, private)
        env = _env(tmp_path, bucket_env=moto.env(public, private))

        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=180,
        )
        numbers["collectstatic_s"] = round(time.monotonic() - started, 1)

        campaign = CampaignFactory(name="KNOWvember26", year=2026, is_current=True)
        region = RegionFactory(slug="london", name="London")
        activity = ActivityFactory(slug="knowledge-cafe")
        person = UserFactory(name="Alex Example")
        # Stored with a hasher production knows (the test settings' MD5 one is not).
        person.password = PBKDF2PasswordHasher().encode(PASSWORD, "clustersalt", iterations=1000)
        person.save(update_fields=["password"])
        assert campaign.pk and region.pk

        t0 = time.monotonic()
        node_a = _start_node("a", tmp_path, env)
        node_b = _start_node("b", tmp_path, env)
        worker_log = tmp_path / "worker.log"
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker"],
            cwd=ROOT,
            env=env,
            stdout=worker_log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        processes += [node_a.process, node_b.process, worker]
        (tmp_path / "nginx").mkdir()
        nginx = start_nginx(
            tmp_path / "nginx",
            upstreams=[node_a.port, node_b.port],
            static_root=tmp_path / "static",
            media_root=tmp_path / "no-local-media",
            tls=_self_signed(tmp_path),
        )
        numbers["nodes_and_nginx_start_s"] = round(time.monotonic() - t0, 1)
        host = nginx.url.removeprefix("https://")
        cert = str(tmp_path / "cert.pem")

        # A session made on node A is valid on node B.
        browser = Client(node_a.url, host)
        signed_in = browser.post_form(
            "/accounts/login/", {"login": person.email, "password": PASSWORD}
        )
        assert signed_in.status_code == 302, signed_in.text[:500]
        on_b = browser.get("/my/", base=node_b.url)
        assert on_b.status_code == 200
        assert "Alex Example" in on_b.text or person.email in on_b.text

        # A photo uploaded through node A is shown by node B, from the bucket.
        upload = jpeg("team.jpg")
        created = browser.post_form(
            "/pledges/new/",
            {
                **photo_pledge_fields(activity, region),
                "photo_alt": "Team around a table",
                "show_photo": "on",
                "show_name": "on",
            },
            files={"photo": ("team.jpg", upload.read(), "image/jpeg")},
            query=f"?activity={activity.slug}",
        )
        assert created.status_code == 302, created.text[:2000]
        pledge = Pledge.objects.get(author=person)
        page_b = browser.get(f"/pledges/{pledge.pk}/edit/", base=node_b.url)
        assert page_b.status_code == 200
        media_base = f"{moto.endpoint}/{public}/"
        src = re.search(r'<img[^>]+src="([^"]+)"', page_b.text.split("<main", 1)[1]).group(1)
        assert src.startswith(media_base) and src.endswith(pledge.photo_thumbnail.name)
        assert f"img-src 'self' data: {moto.endpoint}" in page_b.headers["Content-Security-Policy"]
        photo = requests.get(src, timeout=10)
        assert photo.status_code == 200
        assert photo.headers["Content-Type"] == "image/jpeg"
        assert photo.content.startswith(b"\xff\xd8")

        # Rate limits count across both nodes: three sign-ups an hour per address, wherever.
        rate_email = "rate.limit@example.nhs.uk"
        statuses = []
        for base in (node_a.url, node_b.url, node_a.url, node_b.url):
            joiner = Client(base, host)
            page = joiner.get("/community/")
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
            statuses.append(
                joiner.request(
                    "POST",
                    "/community/",
                    data={"csrfmiddlewaretoken": token, **_signup_data(page.text, rate_email)},
                ).status_code
            )
        assert statuses == [302, 302, 302, 429]

        # Forms through nginx while node A is stopped mid-load.
        served_before = {"a": node_a.served(), "b": node_b.served()}
        emails = [f"load-{n}-{suffix}@example.nhs.uk" for n in range(LOAD_FORMS)]
        outcome = {"retried": 0, "clean_errors": 0}
        lock = threading.Lock()
        t_load = time.monotonic()

        def one(email):
            return _submit_signup(Client(nginx.url, host, verify=cert), email, outcome, lock)

        with ThreadPoolExecutor(LOAD_THREADS) as pool:
            futures = [pool.submit(one, email) for email in emails]
            while sum(f.done() for f in futures) < LOAD_FORMS // 3:
                time.sleep(0.05)
            node_a.process.send_signal(signal.SIGTERM)  # gunicorn's graceful stop
            results = [f.result(timeout=OVERALL_SECONDS) for f in futures]
        numbers["load_s"] = round(time.monotonic() - t_load, 1)
        numbers["node_a_exit_code"] = node_a.process.wait(timeout=30)
        assert numbers["node_a_exit_code"] == 0  # a graceful stop: in-flight requests finished

        stored = Subscription.objects.filter(email__in=emails).count()
        numbers |= {
            "forms_sent": LOAD_FORMS,
            "forms_succeeded": sum(results),
            "rows_stored": stored,
            "post_502s_resent_by_client": outcome["clean_errors"],
            "retries_total": outcome["retried"],
            "other_statuses": {k: v for k, v in outcome.items() if k.startswith("status")},
        }
        queued = OutboundEmail.objects.filter(to__in=emails).count()
        numbers["confirmation_emails_queued"] = queued
        assert all(results), outcome
        assert not numbers["other_statuses"]
        assert stored == LOAD_FORMS  # no submitted form was lost
        assert queued == LOAD_FORMS  # and none was handled twice (one email each)

        # Node B keeps serving through nginx, which refuses bodies over the site's limit itself.
        for _ in range(5):
            assert Client(nginx.url, host, verify=cert).get("/").status_code == 200
        too_big = Client(nginx.url, host, verify=cert).request(
            "POST", "/community/", data=b"x" * (9 * 1024 * 1024)
        )
        assert too_big.status_code == 413

        # The one worker sends the confirmation emails queued by both nodes.
        wait_until(
            lambda: (
                OutboundEmail.objects.filter(status=OutboundEmail.Status.SENT).count() >= LOAD_FORMS
            ),
            timeout=120,
            what=f"the worker sending the outbox (see {worker_log})",
            process=worker,
        )
        numbers["requests_served"] = {"a": node_a.served(), "b": node_b.served()}
        numbers["requests_served_during_load"] = {
            name: numbers["requests_served"][name] - served_before[name] for name in ("a", "b")
        }
        assert numbers["requests_served_during_load"]["a"] > 0
        assert numbers["requests_served_during_load"]["b"] > 0
    finally:
        if nginx:
            nginx.stop()
        for process in processes:
            stop(process)
    numbers["total_s"] = round(time.monotonic() - started, 1)
    print("\ntwo-node test:", numbers)
    assert numbers["total_s"] < OVERALL_SECONDS
