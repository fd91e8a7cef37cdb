"""Providers' delivery reports: mounted at /messaging/ by joud.urls."""

from django.urls import path

from joud.core.messaging import http_sms, twilio_sms

app_name = "messaging"
urlpatterns = [
    path("status/twilio/", twilio_sms.status_callback, name="twilio-status"),
    path("status/http/", http_sms.status_callback, name="http-status"),
]
