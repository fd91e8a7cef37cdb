from django.urls import path

from joud.endowments import views

app_name = "endowments"

urlpatterns = [
    path("", views.waqf_list, name="list"),
    path("mine/", views.my_shares, name="mine"),
    path("<slug:slug>/", views.waqf_detail, name="detail"),
    path("<slug:slug>/returns/", views.waqf_returns, name="returns"),
]
