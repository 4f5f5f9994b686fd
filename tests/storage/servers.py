"""Real servers for the storage tests: moto's S3 server and nginx run from deploy/'s config.

Each is a subprocess on a free port. Missing programs fail the tests (never skip): .ci/run
installs nginx, and moto[server] is in requirements-dev.txt.
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import requests
from django.utils import timezone

ROOT = Path(__file__).resolve().parents[2]
DEPLOY_CONF = ROOT / "deploy" / "nginx" / "knowvember.conf"
S3_KEYS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
REGION = "eu-west-2"


def photo_pledge_fields(activity, region) -> dict:
    """The pledge form's fields, but for the photo: the upload both storage tests make."""
    return {
        "submission_key": str(uuid.uuid4()),
        "activity": activity.slug,
        "title": "Run a knowledge café for the ward team",
        "text": "An hour on discharge planning, with tea.",
        "target_month": timezone.localdate().strftime("%Y-%m"),
        "effort": "small",
        "organisation": "Example NHS Foundation Trust",
        "region": str(region.pk),
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(ready, *, timeout: float, what: str, process=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode} before it was ready")
        try:
            if ready():
                return
        except (OSError, requests.RequestException):
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{what} was not ready after {timeout} s")


def stop(process, *, sig=signal.SIGTERM, timeout: float = 20):
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class MotoServer:
    """`moto_server` (moto's server mode) as a subprocess; endpoint like http://127.0.0.1:PORT."""

    def __init__(self, log_dir: Path):
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.log = open(log_dir / "moto.log", "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        wait_until(
            lambda: requests.get(f"{self.endpoint}/moto-api/", timeout=2).ok,
            timeout=60,
            what="moto_server",
            process=self.process,
        )

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id=S3_KEYS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=S3_KEYS["AWS_SECRET_ACCESS_KEY"],
        )

    def make_buckets(self, public: str, private: str):
        """A public-read media bucket (by bucket policy, as README says) and a closed one."""
        client = self.client()
        for name in (public, private):
            client.create_bucket(
                Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION}
            )
        policy = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "PublicReadMedia",
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": f"arn:aws:s3:::{public}/*",
                }
            ],
        }
        client.put_bucket_policy(Bucket=public, Policy=json.dumps(policy))

    def env(self, public: str, private: str) -> dict:
        """The environment a site uses for these buckets (see README, media in production)."""
        return {
            **S3_KEYS,
            "AWS_S3_ENDPOINT_URL": self.endpoint,
            "AWS_S3_REGION_NAME": REGION,
            "MEDIA_BUCKET": public,
            "PRIVATE_MEDIA_BUCKET": private,
        }

    def stop(self):
        stop(self.process)
        self.log.close()


def require_nginx() -> str:
    nginx = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if not nginx:
        raise RuntimeError("nginx is not installed (apt-get install nginx; .ci/run does this)")
    return nginx


def _swap(text: str, old: str, new: str) -> str:
    """Replace text that must be in deploy/'s config, so the test fails if the config drifts."""
    if old not in text:
        raise AssertionError(f"deploy/nginx/knowvember.conf no longer contains {old!r}")
    return text.replace(old, new)


def nginx_config(
    workdir: Path,
    *,
    port: int,
    upstreams: list[int],
    static_root: Path,
    media_root: Path,
    tls: tuple[Path, Path] | None = None,
) -> Path:
    """deploy/nginx/knowvember.conf with test ports, paths and certificate, in a whole nginx.conf.

    Only addresses and paths change; every location, header, limit and retry rule is deploy's.
    """
    site = DEPLOY_CONF.read_text()
    servers = "".join(
        f"    server 127.0.0.1:{upstream} max_fails=1 fail_timeout=10s;\n" for upstream in upstreams
    )
    site = _swap(site, "    server 127.0.0.1:8000 max_fails=1 fail_timeout=10s;\n", servers)
    # The port-80 server only redirects to HTTPS: drop it, and listen on one test port.
    site = re.sub(r"server \{\n    listen 80;.*?\n\}\n", "", site, count=1, flags=re.S)
    site = _swap(site, "    listen [::]:443 ssl;\n", "")
    site = _swap(site, "    http2 on;\n", "")
    if tls:
        site = _swap(site, "listen 443 ssl;", f"listen 127.0.0.1:{port} ssl;")
        live = "/etc/letsencrypt/live/knowvember.example.nhs.uk"
        site = _swap(site, f"{live}/fullchain.pem", str(tls[0]))
        site = _swap(site, f"{live}/privkey.pem", str(tls[1]))
    else:
        site = _swap(site, "listen 443 ssl;", f"listen 127.0.0.1:{port};")
        site = re.sub(r"\n    ssl_[^\n]*", "", site)
    site = _swap(site, "/srv/knowvember/staticfiles/", f"{static_root}/")
    site = _swap(site, "/srv/knowvember/media/", f"{media_root}/")
    (workdir / "site.conf").write_text(site)
    temp = workdir / "temp"
    temp.mkdir(exist_ok=True)
    main = f"""
user root;
worker_processes 1;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {workdir}/access.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {workdir}/site.conf;
}}
"""
    if os.geteuid() != 0:
        main = main.replace("user root;\n", "")
    conf = workdir / "nginx.conf"
    conf.write_text(main)
    return conf


class Nginx:
    def __init__(self, workdir: Path, conf: Path, port: int, *, scheme: str = "http"):
        nginx = require_nginx()
        check = subprocess.run(
            [nginx, "-t", "-q", "-e", str(workdir / "error.log"), "-c", str(conf)],
            capture_output=True,
            text=True,
        )
        if check.returncode:
            raise RuntimeError(f"nginx -t refused the config: {check.stderr}")
        self.url = f"{scheme}://127.0.0.1:{port}"
        self.workdir = workdir
        self.process = subprocess.Popen(
            [nginx, "-e", str(workdir / "error.log"), "-c", str(conf), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(
            lambda: socket.create_connection(("127.0.0.1", port), timeout=1).close() or True,
            timeout=30,
            what="nginx",
            process=self.process,
        )

    def stop(self):
        stop(self.process, sig=signal.SIGQUIT)


def start_nginx(workdir: Path, **config) -> Nginx:
    port = free_port()
    conf = nginx_config(workdir, port=port, **config)
    return Nginx(workdir, conf, port, scheme="https" if config.get("tls") else "http")
