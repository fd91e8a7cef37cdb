"""``/metrics``: Prometheus' scrape, never public.

Allowed for a client whose address is in ``JOUD_METRICS_ALLOW`` (networks; loopback by default)
when it reached this process directly, or for any client presenting ``Authorization: Bearer
<JOUD_METRICS_TOKEN>``. A request that came through the reverse proxy (it carries the proxy's
forwarding headers) arrives from the proxy's address, loopback on the same host, so for it only
the token counts. Everyone else gets a 404, as if there were nothing here.
"""

from __future__ import annotations

import hmac
import ipaddress
from functools import cache

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.views.decorators.csrf import csrf_exempt

from joud.core.observability.metrics import exposition

_PROXY_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "HTTP_FORWARDED")


@cache
def _networks(allow: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(net.strip(), strict=False) for net in allow if net.strip())


def _token_ok(request) -> bool:
    token = settings.JOUD_METRICS_TOKEN
    given = request.META.get("HTTP_AUTHORIZATION", "")
    if not token or not given.startswith("Bearer "):
        return False
    return hmac.compare_digest(given.removeprefix("Bearer ").strip().encode(), token.encode())


def _network_ok(request) -> bool:
    if any(request.META.get(header) for header in _PROXY_HEADERS):
        return False
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    if address.version == 6 and address.ipv4_mapped:  # gunicorn bound to [::]
        address = address.ipv4_mapped
    return any(address in net for net in _networks(tuple(settings.JOUD_METRICS_ALLOW)))


def allowed(request) -> bool:
    return _token_ok(request) or _network_ok(request)


@csrf_exempt  # it never changes anything; a CSRF 403 would tell a stranger something is here
def metrics_view(request):
    if not allowed(request):  # before anything else: a stranger learns nothing, not even a 405
        raise Http404
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    body, content_type = exposition()
    return HttpResponse(body, content_type=content_type)
