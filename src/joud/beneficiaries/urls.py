from django.urls import path

from joud.beneficiaries import views

app_name = "beneficiaries"

urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("new/", views.case_new, name="case_new"),
    path("duplicates/", views.duplicates, name="duplicates"),
    path("duplicates/<int:alert_id>/", views.duplicate_detail, name="duplicate_detail"),
    path("access-log/", views.access_log, name="access_log"),
    path("offers/", views.offers, name="offers"),
    path("ministry/", views.ministry_overview, name="ministry"),
    path(
        "ministry/duplicates/<int:alert_id>/", views.ministry_duplicate, name="ministry_duplicate"
    ),
    path("ministry/access-log/", views.ministry_access_log, name="ministry_access_log"),
    path("apply/<slug:org>/", views.apply, name="apply"),
    path("give/", views.public_list, name="public_list"),
    path("give/<str:code>/", views.public_case, name="public_case"),
    path("<str:reference>/", views.case_detail, name="case_detail"),
    path("<str:reference>/members/", views.member_add, name="member_add"),
    path("<str:reference>/documents/", views.document_add, name="document_add"),
    path("<str:reference>/assess/", views.assess, name="assess"),
    path("<str:reference>/decide/", views.decide, name="decide"),
    path("<str:reference>/appeal/", views.appeal, name="appeal"),
    path("<str:reference>/appeal/<int:appeal_id>/", views.appeal_decide, name="appeal_decide"),
    path("<str:reference>/export/", views.export, name="export"),
    path("<str:reference>/publish/", views.publish, name="publish"),
]
