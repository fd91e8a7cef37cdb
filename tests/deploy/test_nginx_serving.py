"""The nginx site, run for real on loopback ports against a stand-in upstream: what it serves
from disk, what it never serves (case documents), what it passes on, and how."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.deploy.certs import self_signed

REPO = Path(__file__).resolve().parents[2]
SITE = REPO / "deploy" / "nginx" / "joud.conf"
DOCUMENT = b"%PDF-1.4 private case document\n"
COVER = b"\x89PNG\r\n\x1a\n public cover"

pytestmark = pytest.mark.skipif(
    not shutil.which("nginx") and not Path("/usr/sbin/nginx").exists(),
    reason="nginx is not installed (apt-get install nginx; scripts/system-deps.sh does)",
)


class Upstream(BaseHTTPRequestHandler):
    """Stands in for gunicorn: answers with what it was asked and which headers came along."""

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        seen = {
            "path": self.path,
            "proto": self.headers.get("X-Forwarded-Proto"),
            "for": self.headers.get("X-Forwarded-For"),
            "request_id": self.headers.get("X-Request-ID"),
            "host": self.headers.get("Host"),
            "bytes": len(body),
        }
        data = json.dumps(seen).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = _answer

    def log_message(self, *args):
        pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"nginx exited: {process.stderr.read().decode()}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError("nginx did not listen")


@pytest.fixture
def site(tmp_path):
    """nginx with deploy/nginx/joud.conf on loopback ports, files under a scratch /srv/joud."""
    root = tmp_path / "srv"
    (root / "media" / "private" / "cases" / "1").mkdir(parents=True)
    (root / "media" / "private" / "cases" / "1" / "doc.pdf").write_bytes(DOCUMENT)
    (root / "media" / "covers").mkdir(parents=True)
    (root / "media" / "covers" / "a.png").write_bytes(COVER)
    (root / "static").mkdir()
    (root / "static" / "app.0123456789ab.css").write_text("body{}")
    cert, key = self_signed(tmp_path)
    upstream = ThreadingHTTPServer(("127.0.0.1", 0), Upstream)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    tls_port, plain_port = _free_port(), _free_port()
    conf = SITE.read_text()
    conf = re.sub(r"\n\s*listen \[::\]:\d+[^;]*;", "", conf)
    conf = conf.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{tls_port} ssl http2;")
    conf = conf.replace("listen 80;", f"listen 127.0.0.1:{plain_port};")
    conf = conf.replace("server 127.0.0.1:8000 ", f"server 127.0.0.1:{upstream.server_port} ")
    conf = re.sub(r"/etc/letsencrypt/live/[^/]+/fullchain\.pem", str(cert), conf)
    conf = re.sub(r"/etc/letsencrypt/live/[^/]+/privkey\.pem", str(key), conf)
    conf = conf.replace("/var/log/nginx/", f"{tmp_path}/").replace("/srv/joud", str(root))
    (tmp_path / "joud.conf").write_text(conf)
    user = "user root root;\n" if os.geteuid() == 0 else ""  # workers read the scratch folder
    (tmp_path / "nginx.conf").write_text(
        f"{user}pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        f"events {{}}\nhttp {{\n  include /etc/nginx/mime.types;\n"
        f"  client_body_temp_path {tmp_path}/body;\n  proxy_temp_path {tmp_path}/proxy;\n"
        f"  include {tmp_path}/joud.conf;\n}}\n"
    )
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    process = subprocess.Popen(
        [nginx, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-e", "stderr",
         "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        _wait_for(tls_port, process)
        yield Site(tls_port, plain_port, cert)
    finally:
        process.terminate()  # the nginx this fixture started, by its own handle
        process.wait(timeout=10)
        upstream.shutdown()


@dataclass
class Site:
    https: int
    http: int
    cert: Path

    def get(self, path: str, *, method="GET", body=None, tls=True):
        """One request to the running nginx; TLS trusts exactly the scratch certificate."""
        if tls:
            context = ssl.create_default_context(cafile=str(self.cert))
            context.check_hostname = False  # issued to joud.example.om, reached at 127.0.0.1
            conn = http.client.HTTPSConnection("127.0.0.1", self.https, context=context, timeout=10)
        else:
            conn = http.client.HTTPConnection("127.0.0.1", self.http, timeout=10)
        conn.request(method, path, body=body, headers={"Host": "joud.example.om"})
        response = conn.getresponse()
        data = response.read()
        conn.close()
        return response, data


def test_case_documents_are_never_served_from_disk(site):
    for path in (
        "/media/private/cases/1/doc.pdf",
        "/media/covers/../private/cases/1/doc.pdf",
        "/media/private/cases/1/../1/doc.pdf",
        "/MEDIA/private/cases/1/doc.pdf",
    ):
        response, data = site.get(path)
        assert DOCUMENT not in data, path
        assert response.status in (400, 404) or json.loads(data)["path"].lower() == path.lower()


def test_public_covers_and_static_files_come_from_disk_with_caching(site):
    response, data = site.get("/media/covers/a.png")
    assert (response.status, data) == (200, COVER)
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    response, data = site.get("/static/app.0123456789ab.css")
    assert (response.status, data) == (200, b"body{}")
    assert "immutable" in response.getheader("Cache-Control")


def test_pages_and_webhooks_reach_the_application_with_the_forwarded_headers(site):
    response, data = site.get("/ar/")
    seen = json.loads(data)
    assert response.status == 200 and seen["path"] == "/ar/"
    assert seen["proto"] == "https" and seen["for"] == "127.0.0.1"
    assert seen["host"] == "joud.example.om" and len(seen["request_id"]) == 32
    response, data = site.get("/pay/webhooks/thawani/", method="POST", body=b'{"x": 1}')
    assert response.status == 200 and json.loads(data)["bytes"] == 8
    # Anything under /media/ that is not a public image goes to Django, which decides.
    assert json.loads(site.get("/media/covers/a.svg")[1])["path"] == "/media/covers/a.svg"


def test_plain_http_redirects_and_oversized_bodies_stop_at_nginx(site):
    response, _data = site.get("/give/?x=1", tls=False)
    assert response.status == 301
    assert response.getheader("Location") == "https://joud.example.om/give/?x=1"
    too_big = b"x" * (12 * 1024 * 1024)
    assert site.get("/cases/1/documents/", method="POST", body=too_big)[0].status == 413
    assert site.get("/pay/webhooks/thawani/", method="POST", body=b"x" * 2_000_000)[0].status == 413
