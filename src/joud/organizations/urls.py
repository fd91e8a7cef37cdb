from django.urls import path

from joud.organizations import views

app_name = "organizations"

# The public page of an organization, /organizations/<slug>/, is served by joud.campaigns
# (campaigns:organization): it lists the organization's initiatives.
urlpatterns = [
    path("organizations/apply/", views.apply, name="apply"),
    path("organizations/apply/<slug:slug>/", views.application, name="application"),
]
