from django.urls import path

from joud.payments import views

app_name = "payments"

urlpatterns = [
    path("webhooks/<slug:provider>/", views.webhook, name="webhook"),
    path("sandbox/<str:reference>/", views.sandbox_checkout, name="sandbox_checkout"),
]
