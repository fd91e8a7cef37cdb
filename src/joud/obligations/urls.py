from django.urls import path

from joud.obligations import views

app_name = "obligations"

urlpatterns = [
    path("fitr/", views.fitr_index, name="fitr"),
    path("fitr/amount/", views.fitr_amount, name="fitr_amount"),
    path("fitr/<slug:slug>/", views.fitr_programme, name="fitr_programme"),
    path("fitr/<slug:slug>/distribution/", views.fitr_distribution, name="fitr_distribution"),
    path("kaffarah/", views.expiation, name="expiation"),
    path("kaffarah/amount/", views.expiation_amount, name="expiation_amount"),
    path("ministry/obligations/", views.ministry_rates, name="ministry_rates"),
]
