from django.urls import path

from joud.demo import views

urlpatterns = [path("outbox/", views.outbox, name="dev_outbox")]
