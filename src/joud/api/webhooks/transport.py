"""Posting a delivery to an organization's address without letting it reach our own network.

The address's name is resolved ONCE per delivery; every address it resolves to must be public,
and the connection is made to one of THOSE addresses (pinned), so a name that changes its answer
between the check and the connection (DNS rebinding) cannot steer the POST inside. The request
still names the host: the ``Host`` header, TLS SNI and certificate verification all use the name.
Redirects are never followed, and only the first part of the answer is read.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

import certifi
import requests
import urllib3
from django.conf import settings

TIMEOUT_SECONDS = 10
KEPT_RESPONSE = 2000
_READ_AT_MOST = 16 * 1024  # bytes of the answer read (what is kept is cut to KEPT_RESPONSE)


class BlockedAddress(requests.RequestException):
    """The endpoint's name resolves to an internal address: nothing is sent there."""


def allow_internal() -> bool:
    # Only for a closed test network; production must never post to its own network (SSRF).
    return bool(getattr(settings, "JOUD_WEBHOOK_ALLOW_INTERNAL", False))


def internal_host(host: str) -> bool:
    host = host.rstrip(".").lower()
    return not allow_internal() and (
        host == "localhost" or host.endswith((".localhost", ".local", ".internal"))
    )


def literal_ips(host: str) -> list[str]:
    try:
        return [str(ipaddress.ip_address(host.strip("[]")))]
    except ValueError:
        return []


def internal_ip(ip: str) -> bool:
    if allow_internal():
        return False
    address = ipaddress.ip_address(ip)
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return not address.is_global or address.is_multicast


@dataclass(frozen=True)
class Target:
    """Where one delivery goes: the name it is for and the checked address it connects to."""

    scheme: str
    host: str
    port: int
    ip: str
    path: str

    @property
    def host_header(self) -> str:
        name = f"[{self.host}]" if ":" in self.host else self.host
        default = 443 if self.scheme == "https" else 80
        return name if self.port == default else f"{name}:{self.port}"


def resolve(url: str) -> Target:
    """Resolve the address's name once and check every answer; refuse when any is internal."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if not host or internal_host(host):
        raise BlockedAddress(host)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except OSError as exc:
        raise requests.ConnectionError(str(exc)) from exc
    ips = [info[4][0].split("%")[0] for info in infos]
    if not ips or any(internal_ip(ip) for ip in ips):
        raise BlockedAddress(host)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(scheme=parts.scheme, host=host, port=port, ip=ips[0], path=path)


def ca_bundle() -> str:
    return certifi.where()


def _pool(target: Target) -> urllib3.HTTPConnectionPool:
    options = {
        "port": target.port,
        "timeout": urllib3.Timeout(total=TIMEOUT_SECONDS),
        "retries": False,
        "maxsize": 1,
    }
    if target.scheme != "https":
        return urllib3.HTTPConnectionPool(target.ip, **options)
    return urllib3.HTTPSConnectionPool(
        target.ip,
        server_hostname=target.host,  # SNI for the name
        assert_hostname=target.host,  # the certificate must be the name's
        cert_reqs="CERT_REQUIRED",
        ca_certs=ca_bundle(),
        **options,
    )


def post(url: str, body: bytes, headers: dict) -> tuple[int, str]:
    """One POST to the pinned address: (status, the answer's first characters). Failures are
    ``requests`` exceptions (``BlockedAddress`` for an internal address)."""
    target = resolve(url)
    pool = _pool(target)
    try:
        response = pool.urlopen(
            "POST",
            target.path,
            body=body,
            headers={**headers, "Host": target.host_header},
            redirect=False,
            assert_same_host=False,
            preload_content=False,
        )
        try:
            raw = response.read(_READ_AT_MOST, decode_content=True)
        finally:
            response.release_conn()
    except urllib3.exceptions.TimeoutError as exc:
        raise requests.Timeout(str(exc)) from exc
    except urllib3.exceptions.HTTPError as exc:
        raise requests.ConnectionError(str(exc)) from exc
    finally:
        pool.close()
    return response.status, raw.decode("utf-8", errors="replace")[:KEPT_RESPONSE]
