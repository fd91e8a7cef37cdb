from django.urls import path

from joud.volunteering import views

app_name = "volunteering"

urlpatterns = [
    path("", views.home, name="home"),
    path("o/<int:pk>/", views.opportunity_detail, name="opportunity"),
    path("shifts/<int:pk>/apply/", views.apply, name="apply"),
    path("signups/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("signups/<int:pk>/dispute/", views.dispute, name="dispute"),
    path("consent/<str:token>/", views.consent, name="consent"),
    path("me/", views.me, name="me"),
    path("me/profile/", views.profile_edit, name="profile_edit"),
    path("me/code/", views.my_qr, name="my_qr"),
    path("me/certificates/", views.certificate_request, name="certificate_request"),
    path("certificates/<str:code>/pdf/", views.certificate_pdf, name="certificate_pdf"),
    path("certificates/verify/<str:token>/", views.certificate_verify, name="certificate_verify"),
    path("scan/<str:token>/", views.scan, name="scan"),
    path("person/<str:token>/", views.person_scan_redirect, name="person_scan"),
    path("card/<str:code>/", views.card, name="card"),
    path("card/<str:code>/image.png", views.card_image, name="card_image"),
    path("leaderboards/", views.leaderboards, name="leaderboards"),
    # Coordinators: every page below runs inside the organization's scope.
    path("manage/", views.manage_start, name="manage_start"),
    path("manage/<slug:org>/", views.manage, name="manage"),
    path("manage/<slug:org>/opportunities/new/", views.opportunity_new, name="opportunity_new"),
    path(
        "manage/<slug:org>/opportunities/<int:pk>/",
        views.manage_opportunity,
        name="manage_opportunity",
    ),
    path("manage/<slug:org>/shifts/<int:pk>/", views.roster, name="roster"),
    path("manage/<slug:org>/shifts/<int:pk>/roster.csv", views.roster_csv, name="roster_csv"),
    path("manage/<slug:org>/shifts/<int:pk>/site-code/", views.site_code, name="site_code"),
    path("manage/<slug:org>/shifts/<int:pk>/message/", views.message, name="message"),
    path("manage/<slug:org>/signups/<int:pk>/hours/", views.approve_hours, name="approve_hours"),
    path("manage/<slug:org>/signups/<int:pk>/cancel/", views.cancel_signup, name="cancel_signup"),
    path("manage/<slug:org>/disputes/<int:pk>/", views.resolve_dispute, name="resolve_dispute"),
    path("manage/<slug:org>/person/<str:token>/", views.person_scan, name="manage_person"),
]
