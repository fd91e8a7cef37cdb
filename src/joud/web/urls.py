from django.urls import path
from django.views.i18n import set_language

from joud.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("me/", views.dashboard, name="dashboard"),
    path("verify/", views.verify, name="verify"),
    path("org/", views.org_dashboard, name="org_dashboard"),
    path("ministry/", views.ministry_console, name="ministry_console"),
    path("ministry/audit/", views.audit_log_view, name="audit_log"),
    path("healthz", views.healthz, name="healthz"),
]
