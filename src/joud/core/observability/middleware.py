"""One middleware, first in both stacks (pages and the lean webhook handler): the request id, the
access log line and the request metrics.

The id comes from the proxy's ``X-Request-ID`` when it is well formed (nginx's ``$request_id``),
else it is made here; it is echoed in the response's ``X-Request-ID`` and is on every log line
written while the request is served.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings

from joud.core.observability import context, metrics

logger = logging.getLogger("joud.request")

HEADER = "X-Request-ID"
UNMATCHED = "<unmatched>"  # a 404 without a URL pattern: one label, not one per path tried
# Metrics' labels stay a bounded set: any other method a client makes up counts as "OTHER".
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def route_of(request) -> str:
    """The URL pattern's name (``namespace:name``), else its route; bounded, never the raw path."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return UNMATCHED
    return match.view_name or match.route or UNMATCHED


class RequestObservabilityMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = context.incoming_or_new(request.META.get("HTTP_X_REQUEST_ID"))
        request.request_id = request_id
        # Kept until the response is closed (``request_finished`` clears it): Django logs a 4xx/5xx
        # after the middleware has returned, and that line belongs to this request too.
        context.request_id.set(request_id)
        started = time.perf_counter()
        response = self.get_response(request)
        seconds = time.perf_counter() - started
        response[HEADER] = request_id
        route = route_of(request)
        method = request.method if request.method in METHODS else "OTHER"
        metrics.request_observed(
            route=route, method=method, status=response.status_code, seconds=seconds
        )
        if settings.JOUD_REQUEST_LOG:
            logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "route": route,
                    "status": response.status_code,
                    "duration_ms": round(seconds * 1000, 2),
                },
            )
        return response
