from django.urls import path

from joud.payments import views

app_name = "payments"

# The webhook URL of this namespace, ``payments:webhook`` (/pay/webhooks/<provider>/), is
# served by donations, which applies the events: joud/urls.py mounts it beside these.
urlpatterns = [
    path("sandbox/<str:reference>/", views.sandbox_checkout, name="sandbox_checkout"),
]
