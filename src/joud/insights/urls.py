from django.urls import path

from joud.insights import views

app_name = "insights"

urlpatterns = [
    path("ministry/insights/", views.ministry_dashboard, name="ministry"),
    path("ministry/insights/priorities/", views.priorities_map, name="priorities"),
    path("org/insights/", views.organization_dashboard, name="organization"),
    path("org/insights/donors/", views.organization_donors, name="donors"),
]
