from django.urls import path

from joud.complaints import views

app_name = "complaints"

urlpatterns = [
    path("report/<str:subject>/<str:key>/", views.new, name="new"),
]
