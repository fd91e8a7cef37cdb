from django.urls import path

from joud.disbursements.views import debts, ministry, org, public

app_name = "disbursements"

urlpatterns = [
    path("org/", org.org_list, name="org_list"),
    path("org/new/", org.org_new, name="org_new"),
    path("org/bank-file.csv", org.org_bank_file, name="org_bank_file"),
    path("org/<str:reference>/", org.org_detail, name="org_detail"),
    path("org/<str:reference>/evidence/", org.org_evidence_add, name="org_evidence_add"),
    path("org/<str:reference>/evidence/<int:pk>/", org.org_evidence, name="org_evidence"),
    path("org/<str:reference>/<slug:action>/", org.org_action, name="org_action"),
    path("ministry/", ministry.ministry_queue, name="ministry_queue"),
    path("ministry/<str:reference>/", ministry.ministry_detail, name="ministry_detail"),
    path("evidence/<int:pk>/", public.public_evidence, name="public_evidence"),
    path("debt-relief/", public.debt_relief, name="debt_relief"),
    path(
        "debts/<str:reference>/discharge/<int:document_id>/",
        debts.debt_discharge,
        name="debt_discharge",
    ),
]
