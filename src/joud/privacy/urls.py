from django.urls import path

from joud.privacy import views

app_name = "privacy"

urlpatterns = [
    path("", views.notice, name="notice"),
    path("my-data/", views.my_data, name="my_data"),
    path("my-data/download/", views.my_data_download, name="download"),
    path("my-data/consent/", views.consent_change, name="consent"),
    path("my-data/correct/", views.rectify, name="rectify"),
    path("my-data/erase/", views.erase, name="erase"),
    path("my-data/object/", views.object_to, name="object"),
    path("breaches/", views.breaches, name="breaches"),
    path("breaches/<int:breach_id>/", views.breach_detail, name="breach"),
]
