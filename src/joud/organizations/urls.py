from django.urls import path

from joud.organizations import views

app_name = "organizations"

urlpatterns = [
    path("organizations/apply/", views.apply, name="apply"),
    path("organizations/apply/<slug:slug>/", views.application, name="application"),
    path("organizations/<slug:slug>/", views.profile, name="profile"),
]
