"""The access matrix: for every URL pattern of the project, which roles may use it, per method.

Read a row as: ``"campaigns:org_edit": Row(get=ADMIN_A, post=ADMIN_A, ...)`` — organization A's
administrator may open and post the edit page of A's draft initiative; every other role (B's
administrator included) is refused. "Allowed" is a 2xx, a redirect that is not to sign in, or a
400 for the empty post the matrix sends; "refused" is a redirect to sign in (or to pass
two-factor), 403, 404 or 405. The objects come from ``world.py``: organization A owns them, and
every role of organization B (the same roles) is among the refused unless the row says so.

A URL pattern without a row fails ``test_every_url_has_a_row``: a new page must say here who
may use it. HEAD must answer as GET; PUT and DELETE are refused or treated as GET.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tests.security.matrix.world import ROLES

EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}
NOBODY = frozenset()
_STAFF_A = {"admin_a", "finance_a", "caseworker_a", "coordinator_a"}
_STAFF_B = {"admin_b", "finance_b", "caseworker_b", "coordinator_b"}
# Any organization's staff, each on their own organization's page (the applicant included).
ANY_STAFF = frozenset(_STAFF_A | _STAFF_B | {"applicant"})
ANY_ADMIN = frozenset({"admin_a", "admin_b", "applicant"})
ANY_CASEWORK = frozenset({"admin_a", "caseworker_a", "admin_b", "caseworker_b", "applicant"})
ANY_FINANCE = frozenset({"admin_a", "finance_a", "admin_b", "finance_b", "applicant"})
TWO_FACTOR_USERS = ANY_STAFF | {"reviewer", "platform_admin"}
# Organization A's roles, on A's objects.
TEAM_A = frozenset(_STAFF_A)
CASEWORK_A = frozenset({"admin_a", "caseworker_a"})
CASEWORK_A_AND_B = CASEWORK_A | {"admin_b", "caseworker_b"}
FINANCE_A = frozenset({"admin_a", "finance_a"})
COORDINATORS_A = frozenset({"admin_a", "coordinator_a"})
ADMIN_A = frozenset({"admin_a"})
MINISTRY = frozenset({"reviewer"})
PLATFORM_ADMIN = frozenset({"platform_admin"})


@dataclass(frozen=True)
class Row:
    get: frozenset
    post: frozenset
    kwargs: Callable | None = None  # the URL's arguments, from the world
    path: Callable | None = None  # for a pattern that has no name to reverse
    query: str = ""
    also_answers: tuple = ()  # statuses that are this page's own answer (readyz: 503)
    optional: bool = False  # present only where its app is installed (the demo)


TABLE: dict[str, Row] = {
    # Payment gateways: the webhook answers only signed posts (400 otherwise); the sandbox's
    # hosted page is opened by the payment's reference (the sandbox is never on in production).
    "payments:webhook": Row(get=NOBODY, post=EVERYONE, kwargs=lambda w: {"provider": "sandbox"}),
    "payments:sandbox_checkout": Row(
        get=EVERYONE, post=EVERYONE, kwargs=lambda w: {"reference": w.pending_attempt.reference}
    ),
    # Home, the signed-in dashboard, verification of an appeal, health checks.
    "web:home": Row(get=EVERYONE, post=NOBODY),
    "web:set_language": Row(get=EVERYONE, post=EVERYONE),
    "web:dashboard": Row(get=SIGNED_IN, post=SIGNED_IN),
    "web:verify": Row(get=EVERYONE, post=NOBODY),
    "web:verify_code": Row(
        get=EVERYONE, post=NOBODY, kwargs=lambda w: {"code": w.live.public_code}
    ),
    "web:org_dashboard": Row(get=ANY_STAFF, post=ANY_STAFF),
    "web:ministry_console": Row(get=MINISTRY, post=MINISTRY),
    "web:audit_log": Row(get=MINISTRY, post=MINISTRY),
    "web:healthz": Row(get=EVERYONE, post=EVERYONE),
    "web:readyz": Row(get=EVERYONE, post=EVERYONE, also_answers=(503,)),
    # Initiatives: public pages (A's live initiative), the organization's own pages (A's draft
    # for viewing and editing, A's live one for ending, reporting and posting news).
    "campaigns:browse": Row(get=EVERYONE, post=NOBODY),
    "campaigns:detail": Row(
        get=EVERYONE, post=NOBODY, kwargs=lambda w: {"code": w.live.public_code}
    ),
    "campaigns:share": Row(
        get=EVERYONE,
        post=NOBODY,
        kwargs=lambda w: {"code": w.live.public_code, "target": "whatsapp"},
    ),
    "campaigns:qr_png": Row(
        get=EVERYONE, post=NOBODY, kwargs=lambda w: {"code": w.live.public_code}
    ),
    "campaigns:qr_svg": Row(
        get=EVERYONE, post=NOBODY, kwargs=lambda w: {"code": w.live.public_code}
    ),
    "campaigns:media": Row(get=NOBODY, post=NOBODY, kwargs=lambda w: {"path": "covers/none.webp"}),
    "campaigns:organization": Row(
        get=EVERYONE, post=NOBODY, kwargs=lambda w: {"slug": w.org_a.slug}
    ),
    "campaigns:org_new": Row(get=ANY_ADMIN, post=ANY_ADMIN),
    "campaigns:org_initiative": Row(
        get=TEAM_A, post=TEAM_A, kwargs=lambda w: {"code": w.draft.public_code}
    ),
    "campaigns:org_edit": Row(
        get=ADMIN_A, post=ADMIN_A, kwargs=lambda w: {"code": w.draft.public_code}
    ),
    "campaigns:org_submit": Row(
        get=NOBODY, post=ADMIN_A, kwargs=lambda w: {"code": w.draft.public_code}
    ),
    "campaigns:org_end": Row(
        get=NOBODY, post=ADMIN_A, kwargs=lambda w: {"code": w.live.public_code}
    ),
    "campaigns:org_report": Row(
        get=NOBODY, post=ADMIN_A, kwargs=lambda w: {"code": w.live.public_code}
    ),
    "campaigns:org_update": Row(
        get=NOBODY, post=TEAM_A, kwargs=lambda w: {"code": w.live.public_code}
    ),
    "campaigns:org_export": Row(get=ANY_STAFF, post=ANY_STAFF, kwargs=lambda w: {"fmt": "csv"}),
    # Licence applications: anyone signed in applies; only the applicant follows theirs.
    "organizations:apply": Row(get=SIGNED_IN, post=SIGNED_IN),
    "organizations:application": Row(
        get={"applicant"}, post={"applicant"}, kwargs=lambda w: {"slug": w.pending_org.slug}
    ),
    # The ministry's reviews and decisions: reviewers only.
    "ministry:organization": Row(
        get=MINISTRY, post=MINISTRY, kwargs=lambda w: {"slug": w.pending_org.slug}
    ),
    "ministry:organization_decide": Row(
        get=NOBODY,
        post=MINISTRY,
        kwargs=lambda w: {"slug": w.pending_org.slug, "action": "approve"},
    ),
    "ministry:document": Row(get=MINISTRY, post=MINISTRY, kwargs=lambda w: {"pk": w.document.pk}),
    "ministry:initiative": Row(
        get=MINISTRY, post=MINISTRY, kwargs=lambda w: {"code": w.submitted.public_code}
    ),
    "ministry:initiative_decide": Row(
        get=NOBODY,
        post=MINISTRY,
        kwargs=lambda w: {"code": w.submitted.public_code, "action": "approve"},
    ),
    # Giving: public pages, the donor's own pages, links that are capabilities (a plan's token).
    "donations:mine": Row(get=SIGNED_IN, post=SIGNED_IN),
    "donations:plan_manage": Row(
        get=EVERYONE, post=EVERYONE, kwargs=lambda w: {"token": w.plan.token}
    ),
    "donations:zakat_calculator": Row(get=EVERYONE, post=EVERYONE),
    "donations:thanks": Row(
        get=EVERYONE, post=EVERYONE, kwargs=lambda w: {"reference": w.paid.reference}
    ),
    "donations:thanks_status": Row(
        get=EVERYONE, post=EVERYONE, kwargs=lambda w: {"reference": w.paid.reference}
    ),
    "donations:thanks_check": Row(
        get=NOBODY, post=EVERYONE, kwargs=lambda w: {"reference": w.pending.reference}
    ),
    "donations:retry": Row(
        get=NOBODY, post={"donor"}, kwargs=lambda w: {"reference": w.pending.reference}
    ),
    "donations:give_case": Row(
        get=EVERYONE, post=EVERYONE, kwargs=lambda w: {"code": w.public_case.code}
    ),
    "donations:give_general": Row(
        get=EVERYONE, post=EVERYONE, kwargs=lambda w: {"slug": w.org_a.slug}
    ),
    "donations:give_zakat": Row(
        get=EVERYONE, post=EVERYONE, kwargs=lambda w: {"slug": w.org_a.slug}
    ),
    "donations:give_initiative": Row(
        get=EVERYONE, post=EVERYONE, kwargs=lambda w: {"code": w.live.public_code}
    ),
    # Receipts: the donor's own (or the secret link's), the verification link for anyone.
    "receipts:verify": Row(
        get=EVERYONE, post=EVERYONE, kwargs=lambda w: {"token": w.receipt.token}
    ),
    "receipts:donation_pdf": Row(
        get={"donor"}, post={"donor"}, kwargs=lambda w: {"reference": w.paid.reference}
    ),
    "receipts:refund_pdf": Row(
        get={"donor"}, post={"donor"}, kwargs=lambda w: {"reference": w.refund.reference}
    ),
    "receipts:statement": Row(get=SIGNED_IN, post=SIGNED_IN, kwargs=lambda w: {"year": 1448}),
    # Money pages: public per initiative, the organization's books for its admin and finance.
    "finance:initiative_money": Row(
        get=EVERYONE, post=EVERYONE, kwargs=lambda w: {"code": w.live.public_code}
    ),
    "finance:org_finance": Row(get=ANY_FINANCE, post=ANY_FINANCE),
    "finance:org_refund": Row(
        get=FINANCE_A, post=FINANCE_A, kwargs=lambda w: {"reference": w.paid.reference}
    ),
    # Volunteering: public browsing, the volunteer's own sign-ups and certificate (A's shift),
    # the coordinator's pages of organization A.
    "volunteering:home": Row(get=EVERYONE, post=NOBODY),
    "volunteering:opportunity": Row(
        get=EVERYONE, post=NOBODY, kwargs=lambda w: {"pk": w.opportunity.pk}
    ),
    "volunteering:apply": Row(
        get=SIGNED_IN, post=SIGNED_IN, kwargs=lambda w: {"pk": w.open_shift.pk}
    ),
    "volunteering:cancel": Row(
        get=NOBODY, post={"volunteer"}, kwargs=lambda w: {"pk": w.application.pk}
    ),
    "volunteering:dispute": Row(
        get={"volunteer"}, post={"volunteer"}, kwargs=lambda w: {"pk": w.application.pk}
    ),
    "volunteering:consent": Row(
        get=EVERYONE, post=EVERYONE, kwargs=lambda w: {"token": w.consent_token}
    ),
    "volunteering:me": Row(get=SIGNED_IN, post=SIGNED_IN),
    "volunteering:profile_edit": Row(get=SIGNED_IN, post=SIGNED_IN),
    "volunteering:my_qr": Row(get=SIGNED_IN, post=SIGNED_IN),
    "volunteering:certificate_request": Row(get=NOBODY, post=SIGNED_IN),
    "volunteering:certificate_pdf": Row(
        get={"volunteer"}, post=NOBODY, kwargs=lambda w: {"code": w.certificate.code}
    ),
    "volunteering:certificate_verify": Row(
        get=EVERYONE, post=NOBODY, kwargs=lambda w: {"token": w.certificate_token}
    ),
    "volunteering:scan": Row(
        get=SIGNED_IN, post=SIGNED_IN, kwargs=lambda w: {"token": w.site_token}
    ),
    "volunteering:person_scan": Row(
        get=SIGNED_IN, post=SIGNED_IN, kwargs=lambda w: {"token": w.person_token}
    ),
    "volunteering:card": Row(get=EVERYONE, post=NOBODY, kwargs=lambda w: {"code": w.card_code}),
    "volunteering:card_image": Row(
        get=EVERYONE, post=NOBODY, kwargs=lambda w: {"code": w.card_code}
    ),
    "volunteering:leaderboards": Row(get=EVERYONE, post=NOBODY),
    "volunteering:manage_start": Row(get=SIGNED_IN, post=SIGNED_IN),
    "volunteering:manage": Row(
        get=COORDINATORS_A, post=COORDINATORS_A, kwargs=lambda w: {"org": w.org_a.slug}
    ),
    "volunteering:opportunity_new": Row(
        get=COORDINATORS_A, post=COORDINATORS_A, kwargs=lambda w: {"org": w.org_a.slug}
    ),
    "volunteering:manage_opportunity": Row(
        get=COORDINATORS_A,
        post=COORDINATORS_A,
        kwargs=lambda w: {"org": w.org_a.slug, "pk": w.opportunity.pk},
    ),
    "volunteering:roster": Row(
        get=COORDINATORS_A,
        post=COORDINATORS_A,
        kwargs=lambda w: {"org": w.org_a.slug, "pk": w.shift.pk},
    ),
    "volunteering:roster_csv": Row(
        get=COORDINATORS_A, post=NOBODY, kwargs=lambda w: {"org": w.org_a.slug, "pk": w.shift.pk}
    ),
    "volunteering:site_code": Row(
        get=COORDINATORS_A,
        post=COORDINATORS_A,
        kwargs=lambda w: {"org": w.org_a.slug, "pk": w.shift.pk},
    ),
    "volunteering:message": Row(
        get=COORDINATORS_A,
        post=COORDINATORS_A,
        kwargs=lambda w: {"org": w.org_a.slug, "pk": w.shift.pk},
    ),
    "volunteering:approve_hours": Row(
        get=NOBODY,
        post=COORDINATORS_A,
        kwargs=lambda w: {"org": w.org_a.slug, "pk": w.application.pk},
    ),
    "volunteering:cancel_signup": Row(
        get=NOBODY,
        post=COORDINATORS_A,
        kwargs=lambda w: {"org": w.org_a.slug, "pk": w.application.pk},
    ),
    "volunteering:resolve_dispute": Row(
        get=COORDINATORS_A,
        post=COORDINATORS_A,
        kwargs=lambda w: {"org": w.org_a.slug, "pk": w.dispute.pk},
    ),
    "volunteering:manage_person": Row(
        get=COORDINATORS_A,
        post=NOBODY,
        kwargs=lambda w: {"org": w.org_a.slug, "token": w.person_token},
    ),
    # Beneficiary cases of organization A: its caseworkers and admin only; the duplicate alert
    # involves A and B, so both sides' caseworkers see it; the ministry sees counts and logs.
    "beneficiaries:case_list": Row(get=ANY_CASEWORK, post=ANY_CASEWORK),
    "beneficiaries:case_new": Row(get=ANY_CASEWORK, post=ANY_CASEWORK),
    "beneficiaries:duplicates": Row(get=ANY_CASEWORK, post=ANY_CASEWORK),
    "beneficiaries:duplicate_detail": Row(
        get=CASEWORK_A_AND_B, post=CASEWORK_A_AND_B, kwargs=lambda w: {"alert_id": w.duplicate.pk}
    ),
    "beneficiaries:access_log": Row(get=ANY_ADMIN, post=ANY_ADMIN),
    "beneficiaries:offers": Row(get=ANY_CASEWORK, post=NOBODY),
    "beneficiaries:ministry": Row(get=MINISTRY, post=MINISTRY),
    "beneficiaries:ministry_duplicate": Row(
        get=MINISTRY, post=MINISTRY, kwargs=lambda w: {"alert_id": w.duplicate.pk}
    ),
    "beneficiaries:ministry_access_log": Row(get=MINISTRY, post=MINISTRY),
    "beneficiaries:apply": Row(get=EVERYONE, post=EVERYONE, kwargs=lambda w: {"org": w.org_a.slug}),
    "beneficiaries:public_list": Row(get=EVERYONE, post=EVERYONE),
    "beneficiaries:public_case": Row(
        get=EVERYONE, post=EVERYONE, kwargs=lambda w: {"code": w.public_case.code}
    ),
    "beneficiaries:case_detail": Row(
        get=CASEWORK_A, post=CASEWORK_A, kwargs=lambda w: {"reference": w.case.reference}
    ),
    "beneficiaries:member_add": Row(
        get=NOBODY, post=CASEWORK_A, kwargs=lambda w: {"reference": w.case.reference}
    ),
    "beneficiaries:document_add": Row(
        get=NOBODY, post=CASEWORK_A, kwargs=lambda w: {"reference": w.case.reference}
    ),
    "beneficiaries:assess": Row(
        get=CASEWORK_A, post=CASEWORK_A, kwargs=lambda w: {"reference": w.case.reference}
    ),
    "beneficiaries:decide": Row(
        get=NOBODY, post=CASEWORK_A, kwargs=lambda w: {"reference": w.case.reference}
    ),
    "beneficiaries:appeal": Row(
        get=NOBODY, post=CASEWORK_A, kwargs=lambda w: {"reference": w.rejected_case.reference}
    ),
    "beneficiaries:appeal_decide": Row(
        get=NOBODY,
        post=ADMIN_A,
        kwargs=lambda w: {"reference": w.rejected_case.reference, "appeal_id": w.appeal.pk},
    ),
    "beneficiaries:export": Row(
        get=CASEWORK_A, post=CASEWORK_A, kwargs=lambda w: {"reference": w.case.reference}
    ),
    "beneficiaries:publish": Row(
        get=CASEWORK_A, post=CASEWORK_A, kwargs=lambda w: {"reference": w.case.reference}
    ),
    # allauth: sign-in, sign-up, password and phone pages.
    "account_login": Row(get=EVERYONE, post=EVERYONE),
    "account_logout": Row(get=EVERYONE, post=EVERYONE),
    "account_inactive": Row(get=EVERYONE, post=NOBODY),
    "account_signup": Row(get=EVERYONE, post=EVERYONE),
    "account_reauthenticate": Row(get=SIGNED_IN, post=SIGNED_IN),
    "account_email": Row(get=SIGNED_IN, post=SIGNED_IN),
    "account_email_verification_sent": Row(get=EVERYONE, post=NOBODY),
    "account_change_password": Row(get=SIGNED_IN, post=SIGNED_IN),
    "account_set_password": Row(get=SIGNED_IN, post=SIGNED_IN),
    "account_reset_password": Row(get=EVERYONE, post=EVERYONE),
    "account_confirm_login_code": Row(get=SIGNED_IN, post=SIGNED_IN),
    "account_confirm_email": Row(get=EVERYONE, post=NOBODY, kwargs=lambda w: {"key": "bad-key"}),
    "account_verify_phone": Row(get=SIGNED_IN, post=SIGNED_IN),
    "account_change_phone": Row(get=SIGNED_IN, post=SIGNED_IN),
    "account_reset_password_from_key_done": Row(get=EVERYONE, post=NOBODY),
    "account_reset_password_from_key": Row(
        get=EVERYONE, post=EVERYONE, kwargs=lambda w: {"uidb36": "1", "key": "set-password"}
    ),
    "account_reset_password_done": Row(get=EVERYONE, post=NOBODY),
    "account_request_login_code": Row(get=EVERYONE, post=EVERYONE),
    # Two-factor: TOTP set-up and codes (staff all have TOTP; donors none).
    "mfa_index": Row(get=SIGNED_IN, post=NOBODY),
    "mfa_authenticate": Row(get=SIGNED_IN, post=SIGNED_IN),
    "mfa_reauthenticate": Row(get=SIGNED_IN, post=SIGNED_IN),
    "mfa_activate_totp": Row(get=SIGNED_IN, post=SIGNED_IN),
    "mfa_deactivate_totp": Row(get=TWO_FACTOR_USERS, post=TWO_FACTOR_USERS),
    "mfa_view_recovery_codes": Row(get=NOBODY, post=NOBODY),
    "mfa_generate_recovery_codes": Row(get=SIGNED_IN, post=SIGNED_IN),
    "mfa_download_recovery_codes": Row(get=NOBODY, post=NOBODY),
    # The Django admin: the platform's superuser only (who has passed two-factor); TOTP
    # authenticators and task results cannot be added or deleted there by anyone.
    "admin:index": Row(get=PLATFORM_ADMIN, post=PLATFORM_ADMIN),
    "admin:login": Row(get=PLATFORM_ADMIN, post=PLATFORM_ADMIN),
    "admin:logout": Row(get=EVERYONE - {"platform_admin"}, post=EVERYONE),
    "admin:password_change": Row(get=PLATFORM_ADMIN, post=PLATFORM_ADMIN),
    "admin:password_change_done": Row(get=PLATFORM_ADMIN, post=NOBODY),
    "admin:autocomplete": Row(get=NOBODY, post=NOBODY),
    "admin:jsi18n": Row(get=PLATFORM_ADMIN, post=NOBODY),
    "admin:view_on_site": Row(
        get=NOBODY, post=NOBODY, kwargs=lambda w: {"content_type_id": "1", "object_id": "0"}
    ),
    "admin:auth_group_changelist": Row(get=PLATFORM_ADMIN, post=PLATFORM_ADMIN),
    "admin:auth_group_add": Row(get=PLATFORM_ADMIN, post=PLATFORM_ADMIN),
    "admin:auth_group_history": Row(
        get=PLATFORM_ADMIN, post=PLATFORM_ADMIN, kwargs=lambda w: {"object_id": "0"}
    ),
    "admin:auth_group_delete": Row(
        get=PLATFORM_ADMIN, post=PLATFORM_ADMIN, kwargs=lambda w: {"object_id": "0"}
    ),
    "admin:auth_group_change": Row(
        get=PLATFORM_ADMIN, post=PLATFORM_ADMIN, kwargs=lambda w: {"object_id": "0"}
    ),
    "django-admin/auth/group/<path:object_id>/": Row(
        get=PLATFORM_ADMIN, post=PLATFORM_ADMIN, path=lambda w: "/django-admin/auth/group/0/"
    ),
    "admin:django_tasks_database_dbtaskresult_changelist": Row(
        get=PLATFORM_ADMIN, post=PLATFORM_ADMIN
    ),
    "admin:django_tasks_database_dbtaskresult_add": Row(get=NOBODY, post=NOBODY),
    "admin:django_tasks_database_dbtaskresult_history": Row(
        get=PLATFORM_ADMIN, post=PLATFORM_ADMIN, kwargs=lambda w: {"object_id": "0"}
    ),
    "admin:django_tasks_database_dbtaskresult_delete": Row(
        get=NOBODY, post=NOBODY, kwargs=lambda w: {"object_id": "0"}
    ),
    "admin:django_tasks_database_dbtaskresult_change": Row(
        get=PLATFORM_ADMIN, post=PLATFORM_ADMIN, kwargs=lambda w: {"object_id": "0"}
    ),
    "django-admin/django_tasks_database/dbtaskresult/<path:object_id>/": Row(
        get=PLATFORM_ADMIN,
        post=PLATFORM_ADMIN,
        path=lambda w: "/django-admin/django_tasks_database/dbtaskresult/0/",
    ),
    "admin:account_emailaddress_changelist": Row(get=PLATFORM_ADMIN, post=PLATFORM_ADMIN),
    "admin:account_emailaddress_add": Row(get=PLATFORM_ADMIN, post=PLATFORM_ADMIN),
    "admin:account_emailaddress_history": Row(
        get=PLATFORM_ADMIN, post=PLATFORM_ADMIN, kwargs=lambda w: {"object_id": "0"}
    ),
    "admin:account_emailaddress_delete": Row(
        get=PLATFORM_ADMIN, post=PLATFORM_ADMIN, kwargs=lambda w: {"object_id": "0"}
    ),
    "admin:account_emailaddress_change": Row(
        get=PLATFORM_ADMIN, post=PLATFORM_ADMIN, kwargs=lambda w: {"object_id": "0"}
    ),
    "django-admin/account/emailaddress/<path:object_id>/": Row(
        get=PLATFORM_ADMIN,
        post=PLATFORM_ADMIN,
        path=lambda w: "/django-admin/account/emailaddress/0/",
    ),
    "admin:mfa_authenticator_changelist": Row(get=PLATFORM_ADMIN, post=PLATFORM_ADMIN),
    "admin:mfa_authenticator_add": Row(get=NOBODY, post=NOBODY),
    "admin:mfa_authenticator_history": Row(
        get=PLATFORM_ADMIN, post=PLATFORM_ADMIN, kwargs=lambda w: {"object_id": "0"}
    ),
    "admin:mfa_authenticator_delete": Row(
        get=NOBODY, post=NOBODY, kwargs=lambda w: {"object_id": "0"}
    ),
    "admin:mfa_authenticator_change": Row(
        get=PLATFORM_ADMIN, post=PLATFORM_ADMIN, kwargs=lambda w: {"object_id": "0"}
    ),
    "django-admin/mfa/authenticator/<path:object_id>/": Row(
        get=PLATFORM_ADMIN, post=PLATFORM_ADMIN, path=lambda w: "/django-admin/mfa/authenticator/0/"
    ),
    "admin:app_list": Row(
        get=PLATFORM_ADMIN, post=PLATFORM_ADMIN, kwargs=lambda w: {"app_label": "auth"}
    ),
    "django-admin/(?P<url>.*)$": Row(
        get=NOBODY, post=NOBODY, path=lambda w: "/django-admin/nowhere/"
    ),
    # The demo's developer outbox (installed with the demo app only, never in production).
    "dev_outbox": Row(get=EVERYONE, post=EVERYONE, optional=True),
}
