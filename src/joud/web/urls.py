from django.urls import path
from django.views.i18n import set_language

from joud.campaigns import views as campaigns_views
from joud.ministry import views as ministry_views
from joud.web import donor, views

app_name = "web"

# Home, the organization dashboard and the ministry console are served by the apps
# that own them (campaigns, ministry); their names are web's, the site's entry points. The
# verify box (receipts) joins this namespace in ``joud.urls``.
urlpatterns = [
    path("", campaigns_views.home, name="home"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("i18n/digits/", views.set_digits, name="set_digits"),
    path("me/", donor.donor_space, name="dashboard"),
    path("org/", campaigns_views.org_dashboard, name="org_dashboard"),
    path("ministry/", ministry_views.console, name="ministry_console"),
    path("ministry/audit/", views.audit_log_view, name="audit_log"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
]
