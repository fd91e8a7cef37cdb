from django.urls import path

from joud.insights import views

app_name = "insights"

urlpatterns = [
    path("ministry/insights/", views.ministry_dashboard, name="ministry"),
    path("ministry/insights/priorities/", views.priorities_map, name="priorities"),
    path("ministry/insights/anomalies/", views.anomaly_queue, name="anomalies"),
    path("ministry/insights/anomalies/<int:pk>/", views.anomaly_decide, name="anomaly_decide"),
    path("org/insights/", views.organization_dashboard, name="organization"),
    path("insights/for-you/", views.for_you, name="for_you"),
    path("insights/suggested/", views.suggested_after_gift, name="suggested"),
    path("org/insights/donors/", views.organization_donors, name="donors"),
]
