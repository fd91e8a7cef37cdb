"""URL map. Each app owns its URLs; this file only mounts them."""

import os

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from joud.core.observability.views import metrics_view
from joud.donations import webhooks
from joud.payments import urls as payments_urls
from joud.receipts.urls import verify_box_patterns
from joud.web import urls as web_urls

# Gateways' pages and webhooks under /pay/, one "payments" namespace: the webhook is served by
# donations (it applies the events), the sandbox's hosted page by payments.
pay = [
    path("webhooks/<slug:provider>/", webhooks.webhook, name="webhook"),
    *payments_urls.urlpatterns,
]

urlpatterns = [
    # First: payment gateways' webhooks, most of a donation night's requests, resolve at once.
    path("pay/", include((pay, payments_urls.app_name))),
    path("messaging/", include("joud.core.messaging.urls")),  # SMS providers' status reports
    # The site's entry points (the "web" namespace), the verify box among them.
    path("", include((web_urls.urlpatterns + verify_box_patterns, web_urls.app_name))),
    # Each app mounts its own pages; prefixes are the apps' to choose inside their urls.py.
    path("", include("joud.campaigns.urls")),
    path("", include("joud.organizations.urls")),
    path("", include("joud.insights.urls")),  # /ministry/insights/, /org/insights/
    path("ministry/", include("joud.ministry.urls")),
    path("give/", include("joud.donations.urls")),
    path("receipts/", include("joud.receipts.urls")),
    path("ledger/", include("joud.donations.finance.urls")),
    path("disbursements/", include("joud.disbursements.urls")),
    path("waqf/", include("joud.endowments.urls")),
    path("", include("joud.obligations.urls")),  # /fitr/, /kaffarah/, /ministry/obligations/
    path("volunteer/", include("joud.volunteering.urls")),
    path("cases/", include("joud.beneficiaries.urls")),
    path("", include("joud.transparency.urls")),  # /open-data/
    path("complaints/", include("joud.complaints.urls")),
    path("privacy/", include("joud.privacy.urls")),
    path("", include("joud.api.urls")),  # /api/v1/ and the dashboard's /org/api/ pages
    path("accounts/", include("allauth.urls")),
    path("django-admin/", admin.site.urls),
    path("metrics", metrics_view, name="metrics"),  # Prometheus; allowed networks or token only
]

# The outbox shows every sign-in code: only where the demo app is installed (never production).
if "joud.demo" in settings.INSTALLED_APPS and settings.JOUD_SHOW_OUTBOX:
    urlpatterns.append(path("dev/", include("joud.demo.urls")))

# The style guide: the demo profile only (never production, loopback or the test profile).
if "joud.demo" in settings.INSTALLED_APPS and settings.JOUD_PROFILE == "demo":
    urlpatterns.append(path("dev/styleguide/", include("joud.demo.styleguide")))

if os.environ.get("JOUD_BENCH_ENDPOINTS") == "1":  # `make bench` only: the bare ceiling endpoint
    urlpatterns.insert(0, path("", include("joud.demo.bench_views")))  # resolved as early

handler400 = "joud.web.views.bad_request"
handler403 = "joud.web.views.permission_denied"
handler404 = "joud.web.views.page_not_found"
handler500 = "joud.web.views.server_error"
