"""The webhook POST goes to the address the name resolved to when it was checked (no second
lookup a rebinding name could answer differently), still naming the host (Host header, TLS SNI
and certificate check), and it is made while no lock or transaction is held."""

from __future__ import annotations

import datetime as dt
import http.server
import socket
import ssl
import threading

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.db import connection

from joud.api.models import WebhookDelivery
from joud.api.webhooks import services
from joud.api.webhooks.services import endpoint_create, webhooks_fan_out
from joud.core.tenancy import scopes_disabled
from tests.donations.factories import make_donation, pay

NAME = "books.example.om"


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.seen.append((self.path, dict(self.headers), body))
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver():
    """A server on 127.0.0.1 only (127.0.0.2 refuses), TLS optional; yields (server, start)."""
    servers = []

    def start(context: ssl.SSLContext | None = None):
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        server.seen, server.sni = [], []
        if context is not None:
            context.sni_callback = lambda sock, name, ctx: server.sni.append(name)
            server.socket = context.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def rebinding(monkeypatch, settings):
    """``NAME`` answers 127.0.0.1 the first time and 127.0.0.2 after (a rebinding name);
    loopback counts as public here so that the test can listen on it."""
    settings.JOUD_WEBHOOK_ALLOW_INTERNAL = True
    settings.JOUD_WEBHOOK_ALLOW_HTTP = True
    real = socket.getaddrinfo
    lookups = []

    def getaddrinfo(host, port, *args, **kwargs):
        if host != NAME:
            return real(host, port, *args, **kwargs)
        lookups.append(host)
        ip = "127.0.0.1" if len(lookups) == 1 else "127.0.0.2"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return lookups


def test_the_post_goes_to_the_checked_address_not_to_a_second_answer(receiver, rebinding):
    server = receiver()
    port = server.server_address[1]
    status, text = services._post(f"http://{NAME}:{port}/hook?x=1", b'{"a":1}', {"X-T": "1"})
    assert (status, text) == (200, "ok")
    ((path, headers, body),) = server.seen
    assert path == "/hook?x=1" and body == b'{"a":1}'
    assert headers["Host"] == f"{NAME}:{port}" and headers["X-T"] == "1"
    assert rebinding == [NAME]  # resolved once


def _certificate(name: str, tmp_path) -> tuple[str, str]:
    """A self-signed certificate for ``name`` (its own authority): (cert path, key path)."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / f"{name}.pem", tmp_path / f"{name}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return str(cert_path), str(key_path)


@pytest.mark.parametrize("served_name", [NAME, "other.example.om"])
def test_tls_names_the_host_and_checks_its_certificate(
    receiver, rebinding, monkeypatch, tmp_path, served_name
):
    cert, key = _certificate(served_name, tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = receiver(context)
    monkeypatch.setattr(services.transport, "ca_bundle", lambda: cert)
    url = f"https://{NAME}:{server.server_address[1]}/hook"
    if served_name != NAME:  # a certificate for another name is refused
        with pytest.raises(requests.ConnectionError):
            services._post(url, b"{}", {})
        assert server.seen == []
        return
    assert services._post(url, b"{}", {}) == (200, "ok")
    assert server.sni == [NAME]
    assert server.seen[0][1]["Host"] == f"{NAME}:{server.server_address[1]}"


@pytest.mark.django_db
def test_the_post_is_made_with_no_lock_or_transaction_held(initiative, monkeypatch):
    with scopes_disabled():
        endpoint_create(
            organization=initiative.organization,
            actor=None,
            url=f"https://{NAME}/joud",
            chosen=["donation.confirmed"],
        )
    pay(make_donation(initiative=initiative)[1])
    webhooks_fan_out()
    with scopes_disabled():
        delivery = WebhookDelivery.objects.get()
    outside = len(connection.atomic_blocks)  # the test's own transaction
    during = []

    def post(url, body, headers):
        during.append(len(connection.atomic_blocks))
        # Another worker meanwhile: the delivery is in flight, not due, so it is left alone.
        during.append(services.webhook_attempt(delivery_id=delivery.pk))
        return 200, "ok"

    monkeypatch.setattr(services, "_post", post)
    done = services.webhook_attempt(delivery_id=delivery.pk)
    assert during == [outside, None]
    assert done.state == WebhookDelivery.State.DELIVERED and done.attempts == 1
