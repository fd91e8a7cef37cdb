from django.urls import path

from joud.volunteering.views import (
    attendance,
    browse,
    certificates,
    hours,
    manage,
    messages,
    profile,
    signups,
)

app_name = "volunteering"

urlpatterns = [
    path("", browse.home, name="home"),
    path("o/<int:pk>/", browse.opportunity_detail, name="opportunity"),
    path("shifts/<int:pk>/apply/", signups.apply, name="apply"),
    path("signups/<int:pk>/cancel/", signups.cancel, name="cancel"),
    path("signups/<int:pk>/dispute/", hours.dispute, name="dispute"),
    path("consent/<str:token>/", signups.consent, name="consent"),
    path("me/", profile.me, name="me"),
    path("me/profile/", profile.profile_edit, name="profile_edit"),
    path("me/code/", profile.my_qr, name="my_qr"),
    path("me/certificates/", certificates.certificate_request, name="certificate_request"),
    path("certificates/<str:code>/pdf/", certificates.certificate_pdf, name="certificate_pdf"),
    path(
        "certificates/verify/<str:token>/",
        certificates.certificate_verify,
        name="certificate_verify",
    ),
    path("scan/<str:token>/", attendance.scan, name="scan"),
    path("person/<str:token>/", attendance.person_scan_redirect, name="person_scan"),
    path("card/<str:code>/", profile.card, name="card"),
    path("card/<str:code>/image.png", profile.card_image, name="card_image"),
    path("leaderboards/", browse.leaderboards, name="leaderboards"),
    # Coordinators: every page below runs inside the organization's scope.
    path("manage/", manage.manage_start, name="manage_start"),
    path("manage/<slug:org>/", manage.manage, name="manage"),
    path("manage/<slug:org>/opportunities/new/", manage.opportunity_new, name="opportunity_new"),
    path(
        "manage/<slug:org>/opportunities/<int:pk>/",
        manage.manage_opportunity,
        name="manage_opportunity",
    ),
    path("manage/<slug:org>/shifts/<int:pk>/", manage.roster, name="roster"),
    path("manage/<slug:org>/shifts/<int:pk>/roster.csv", manage.roster_csv, name="roster_csv"),
    path("manage/<slug:org>/shifts/<int:pk>/site-code/", attendance.site_code, name="site_code"),
    path("manage/<slug:org>/shifts/<int:pk>/message/", messages.message, name="message"),
    path("manage/<slug:org>/signups/<int:pk>/hours/", hours.approve_hours, name="approve_hours"),
    path("manage/<slug:org>/signups/<int:pk>/cancel/", signups.cancel_signup, name="cancel_signup"),
    path("manage/<slug:org>/disputes/<int:pk>/", hours.resolve_dispute, name="resolve_dispute"),
    path("manage/<slug:org>/person/<str:token>/", attendance.person_scan, name="manage_person"),
]
