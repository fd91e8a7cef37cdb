from django.urls import path

from joud.ledger import views

app_name = "ledger"

urlpatterns = [
    path("initiative/<str:code>/", views.initiative_money, name="initiative_money"),
    path("org/", views.org_finance, name="org_finance"),
    path("org/refund/<str:reference>/", views.org_refund, name="org_refund"),
]
