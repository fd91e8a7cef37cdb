from django.urls import path

from joud.beneficiaries.views import (
    cases,
    consent,
    decisions,
    duplicate_review,
    in_kind,
    ministry,
    privacy,
    public_cases,
)

app_name = "beneficiaries"

urlpatterns = [
    path("", cases.case_list, name="case_list"),
    path("new/", cases.case_new, name="case_new"),
    path("duplicates/", duplicate_review.duplicates, name="duplicates"),
    path("duplicates/<int:alert_id>/", duplicate_review.duplicate_detail, name="duplicate_detail"),
    path("access-log/", privacy.access_log, name="access_log"),
    path("offers/", in_kind.offers, name="offers"),
    path("ministry/", ministry.ministry_overview, name="ministry"),
    path(
        "ministry/duplicates/<int:alert_id>/",
        duplicate_review.ministry_duplicate,
        name="ministry_duplicate",
    ),
    path("ministry/access-log/", privacy.ministry_access_log, name="ministry_access_log"),
    path("apply/<slug:org>/", cases.apply, name="apply"),
    path("give/", public_cases.public_list, name="public_list"),
    path("give/<str:code>/", public_cases.public_case, name="public_case"),
    path("<str:reference>/", cases.case_detail, name="case_detail"),
    path("<str:reference>/members/", cases.member_add, name="member_add"),
    path("<str:reference>/documents/", cases.document_add, name="document_add"),
    path(
        "<str:reference>/documents/<int:document_id>/verify/",
        cases.document_verify,
        name="document_verify",
    ),
    path("<str:reference>/debt/", cases.debt_save, name="debt"),
    path(
        "<str:reference>/documents/<int:document_id>/",
        cases.document_download,
        name="document_download",
    ),
    path("<str:reference>/assess/", decisions.assess, name="assess"),
    path("<str:reference>/decide/", decisions.decide, name="decide"),
    path("<str:reference>/appeal/", decisions.appeal, name="appeal"),
    path("<str:reference>/appeal/<int:appeal_id>/", decisions.appeal_decide, name="appeal_decide"),
    path("<str:reference>/export/", privacy.export, name="export"),
    path("<str:reference>/privacy/", consent.case_privacy, name="case_privacy"),
    path(
        "<str:reference>/privacy/request/", consent.case_rights_request, name="case_rights_request"
    ),
    path(
        "<str:reference>/privacy/request/<int:request_id>/",
        consent.case_rights_answer,
        name="case_rights_answer",
    ),
    path("<str:reference>/health/", consent.case_health, name="case_health"),
    path("<str:reference>/publish/", public_cases.publish, name="publish"),
]
