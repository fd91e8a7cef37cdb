"""The WSGI entry point: two Django handlers on one URLconf.

Payment gateways' webhooks are machine requests: no session, no signed-in user, no messages, no
CSRF token, no language. On a donation night they are most of the traffic, so they go through a
handler with only the middleware that matters to them (HTTPS/security headers and the business
error translation), not the fifteen a page needs. Everything else goes through the full stack.
The bench's bare ceiling endpoint goes through the same lean handler as the webhook, so the
ratio between them still compares like with like.
"""

import os

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.wsgi import get_wsgi_application

from joud.settings import DEFAULT_MODULE

os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_MODULE)  # the same default as manage.py

LEAN_PREFIXES = ("/pay/webhooks/", "/bench/bare/")
LEAN_MIDDLEWARE = [
    "joud.core.observability.middleware.RequestObservabilityMiddleware",  # request id, metrics
    "django.middleware.security.SecurityMiddleware",
    "joud.core.middleware.BusinessErrorMiddleware",
    "joud.core.middleware.DatabaseUnavailableMiddleware",
]

pages = get_wsgi_application()


class MachineRequestHandler(WSGIHandler):
    """Django's WSGI handler with only ``LEAN_MIDDLEWARE``."""

    def load_middleware(self, is_async=False):
        full = settings.MIDDLEWARE
        settings.MIDDLEWARE = LEAN_MIDDLEWARE
        try:
            super().load_middleware(is_async)
        finally:
            settings.MIDDLEWARE = full


machines = MachineRequestHandler()


def application(environ, start_response):
    if environ.get("PATH_INFO", "").startswith(LEAN_PREFIXES):
        return machines(environ, start_response)
    return pages(environ, start_response)
