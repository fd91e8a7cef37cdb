from django.urls import path

from joud.transparency import views

app_name = "transparency"

# Stable addresses: /open-data/ documents everything; /open-data/<file> is the newest copy.
urlpatterns = [
    path("open-data/", views.index, name="index"),
    path("open-data/<str:filename>", views.download, name="file"),
]
