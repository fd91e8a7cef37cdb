"""/api/v1/ (the JSON API and its docs) and the dashboard's API pages under /org/api/."""

from django.urls import path
from django.views.decorators.http import require_safe

from joud.api import views
from joud.api.api import api
from joud.api.imports import views as imports

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
    path("ministry/api/", views.ministry_tokens, name="ministry_tokens"),
    path(
        "ministry/api/tokens/<int:pk>/revoke/",
        views.ministry_token_revoke,
        name="ministry_token_revoke",
    ),
    path("org/api/webhooks/", views.webhook_list, name="webhooks"),
    path("org/api/webhooks/<int:pk>/", views.webhook_detail, name="webhook"),
    path(
        "org/api/webhooks/<int:pk>/deliveries/<int:delivery>/again/",
        views.webhook_again,
        name="webhook_again",
    ),
    path("org/api/imports/", imports.import_list, name="imports"),
    path("org/api/imports/<int:pk>/", imports.import_detail, name="import"),
    path("org/api/imports/<int:pk>/rejected.csv", imports.import_rejected, name="import_rejected"),
]
