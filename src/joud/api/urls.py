"""/api/v1/ (the JSON API and its docs) and the dashboard's API pages under /org/api/."""

from django.urls import path
from django.views.decorators.http import require_safe

from joud.api import views
from joud.api.api import api

app_name = "api"


def _read_only(urls):
    """Ninja's own pages (the OpenAPI document, the docs) answer any method: GET and HEAD only."""
    patterns, app, namespace = urls
    for pattern in patterns:
        if pattern.name in ("openapi-json", "openapi-view", "api-root"):
            pattern.callback = require_safe(pattern.callback)
    return patterns, app, namespace


urlpatterns = [
    path("api/v1/", _read_only(api.urls)),
    path("org/api/", views.tokens, name="tokens"),
    path("org/api/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("org/api/webhooks/", views.webhook_list, name="webhooks"),
    path("org/api/webhooks/<int:pk>/", views.webhook_detail, name="webhook"),
    path(
        "org/api/webhooks/<int:pk>/deliveries/<int:delivery>/again/",
        views.webhook_again,
        name="webhook_again",
    ),
]
