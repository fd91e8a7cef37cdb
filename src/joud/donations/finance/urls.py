from django.urls import path

from joud.donations.finance import views

app_name = "finance"

urlpatterns = [
    path("initiative/<str:code>/", views.initiative_money, name="initiative_money"),
    path("org/", views.org_finance, name="org_finance"),
    path("org/deposit/", views.org_deposit, name="org_deposit"),
    path("org/refund/<str:reference>/", views.org_refund, name="org_refund"),
]
