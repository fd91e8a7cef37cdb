from django.urls import path

from joud.ministry import views

app_name = "ministry"

# The console itself is at /ministry/ (web:ministry_console), served by ministry.views.console.
urlpatterns = [
    path("organizations/<slug:slug>/", views.organization_review, name="organization"),
    path(
        "organizations/<slug:slug>/<str:action>/",
        views.organization_decide,
        name="organization_decide",
    ),
    path("documents/<int:pk>/", views.document_download, name="document"),
    path("calendar/", views.month_starts, name="month_starts"),
    path("complaints/", views.complaint_queue, name="complaints"),
    path("complaints/<str:reference>/", views.complaint_review, name="complaint"),
    path("complaints/<str:reference>/decide/", views.complaint_decide, name="complaint_decide"),
    path("initiatives/<str:code>/", views.initiative_review, name="initiative"),
    path("initiatives/<str:code>/<str:action>/", views.initiative_decide, name="initiative_decide"),
]
