from django.urls import path

from joud.web import views

urlpatterns = [path("outbox/", views.outbox, name="dev_outbox")]
