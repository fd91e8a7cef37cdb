"""The access matrix: for every URL pattern of the project, which roles may use it, per method.

Read a row as: ``"campaigns:org_edit": Row(get=ADMIN_A, post=ADMIN_A, ...)`` — organization A's
administrator may open and post the edit page of A's draft initiative; every other role (B's
administrator included) is refused. "Allowed" is a 2xx, a redirect that is not to sign in, or a
400 for the empty post the matrix sends; "refused" is a redirect to sign in (or to pass
two-factor), 403, 404, 405 or 429. The objects come from ``world.py``: organization A owns them, and
every role of organization B (the same roles) is among the refused unless the row says so.

A URL pattern without a row fails ``test_every_url_pattern_has_a_row``: a new page must say
here who may use it (and a row whose pattern is gone fails too). HEAD, PUT and DELETE are
refused or answered as GET. The allauth pages, the Django admin and the demo's outbox are in
``table_accounts.py``.
"""

from __future__ import annotations

from tests.security.matrix.groups import (
    ADMIN_A,
    ANY_ADMIN,
    ANY_CASEWORK,
    ANY_FINANCE,
    ANY_STAFF,
    CASEWORK_A,
    CASEWORK_A_AND_B,
    COORDINATORS_A,
    EVERYONE,
    FINANCE_A,
    MINISTRY,
    NOBODY,
    PLATFORM_ADMIN,
    SIGNED_IN,
    TEAM_A,
    Row,
)
from tests.security.matrix.table_accounts import ACCOUNTS_AND_ADMIN
from tests.security.matrix.table_api import API
from tests.security.matrix.table_insights import INSIGHTS
from tests.security.matrix.table_transparency import OPEN_DATA

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
    # Western or Arabic-Indic digits: a cookie for anyone; a form's POST only.
    "web:set_digits": Row(get=NOBODY, post=EVERYONE),
    "web:favicon": Row(get=EVERYONE, post=NOBODY),
    "web:manifest": Row(get=EVERYONE, post=NOBODY),
    "web:dashboard": Row(get=SIGNED_IN, post=SIGNED_IN),
    "web:verify": Row(get=EVERYONE, post=NOBODY),
    "web:verify_code": Row(
        get=EVERYONE, post=NOBODY, kwargs=lambda w: {"code": w.live.public_code}
    ),
    "web:org_dashboard": Row(get=ANY_STAFF, post=ANY_STAFF),
    "web:ministry_console": Row(get=MINISTRY, post=MINISTRY),
    "web:audit_log": Row(get=MINISTRY, post=MINISTRY),
    "web:healthz": Row(get=EVERYONE, post=EVERYONE),
    # Prometheus: allowed by network (the test client is on loopback, JOUD_METRICS_ALLOW's
    # default), not by role; strangers get 404 (tests/core/test_observability_metrics.py).
    "metrics": Row(get=EVERYONE, post=NOBODY),
    # SMS delivery reports: Twilio's only with its signature (403 otherwise, 405 for GET); the
    # generic gateway's only when its callback secret is configured (404 here).
    "messaging:twilio-status": Row(get=NOBODY, post=NOBODY),
    "messaging:http-status": Row(get=NOBODY, post=NOBODY),
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
    # The drawn cover of an initiative without an uploaded one: anyone may read it.
    "campaigns:cover_art": Row(
        get=EVERYONE, post=NOBODY, kwargs=lambda w: {"category": "school_meals", "variant": 0}
    ),
    # Uploading or replacing a cover: A's administrator only (an empty post is sent back to the
    # initiative's page with a message).
    "campaigns:org_cover": Row(
        get=NOBODY, post=ADMIN_A, kwargs=lambda w: {"code": w.live.public_code}
    ),
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
        get=ADMIN_A, post=ADMIN_A, kwargs=lambda w: {"code": w.live.public_code}
    ),
    # A final report's photo before the ministry accepts it: A's team and the ministry only
    # (anyone once published: tests/campaigns/test_final_report.py).
    "campaigns:report_photo": Row(
        get=TEAM_A | MINISTRY,
        post=NOBODY,
        kwargs=lambda w: {"code": w.reported.public_code, "pk": w.report_photo.pk},
    ),
    # "Report this appeal": anyone, signed in or not (an empty post is a 400 form error).
    "complaints:new": Row(
        get=EVERYONE,
        post=EVERYONE,
        kwargs=lambda w: {"subject": "initiative", "key": w.live.public_code},
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
    "ministry:document": Row(get=MINISTRY, post=NOBODY, kwargs=lambda w: {"pk": w.document.pk}),
    "ministry:complaints": Row(get=MINISTRY, post=MINISTRY),
    "ministry:complaint": Row(
        get=MINISTRY, post=MINISTRY, kwargs=lambda w: {"reference": w.complaint.reference}
    ),
    "ministry:complaint_decide": Row(
        get=NOBODY, post=MINISTRY, kwargs=lambda w: {"reference": w.complaint.reference}
    ),
    # Oman's Hijri month starts (the moon-sighting committee's announcements): reviewers only.
    "ministry:month_starts": Row(get=MINISTRY, post=MINISTRY),
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
    # The receipt number on the thank-you page: the donor's own gift only.
    "donations:thanks_receipt": Row(
        get={"donor"}, post=NOBODY, kwargs=lambda w: {"reference": w.paid.reference}
    ),
    # Asks the gateway: the donor's own gift only (tests/donations/test_thanks_page.py).
    "donations:thanks_check": Row(
        get=NOBODY, post={"donor"}, kwargs=lambda w: {"reference": w.pending.reference}
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
    # A waqf share's certificate: the donor's own; its verification by code: anyone.
    "receipts:waqf_verify": Row(
        get=EVERYONE, post=EVERYONE, kwargs=lambda w: {"code": w.waqf_share.code}
    ),
    "receipts:waqf_certificate": Row(
        get={"donor"}, post={"donor"}, kwargs=lambda w: {"code": w.waqf_share.code}
    ),
    # Endowments: public pages (a waqf's page takes a share, an empty post is a 400), the
    # donor's own shares, and the returns its institution's finance staff record.
    "endowments:list": Row(get=EVERYONE, post=EVERYONE),
    "endowments:mine": Row(get=SIGNED_IN, post=SIGNED_IN),
    "endowments:detail": Row(get=EVERYONE, post=EVERYONE, kwargs=lambda w: {"slug": w.waqf.slug}),
    "endowments:returns": Row(
        get=FINANCE_A, post=FINANCE_A, kwargs=lambda w: {"slug": w.waqf.slug}
    ),
    # Zakat al-fitr and expiations: public pages (an empty post of a giving form is a 400), the
    # amount previews (GET only), the distribution its organization's finance staff record,
    # and the ministry's rates.
    "obligations:fitr": Row(get=EVERYONE, post=NOBODY),
    "obligations:fitr_amount": Row(get=EVERYONE, post=NOBODY),
    "obligations:fitr_programme": Row(
        get=EVERYONE, post=EVERYONE, kwargs=lambda w: {"slug": w.fitr_programme.organization.slug}
    ),
    "obligations:fitr_distribution": Row(
        get=FINANCE_A,
        post=FINANCE_A,
        kwargs=lambda w: {"slug": w.fitr_programme.organization.slug},
    ),
    "obligations:expiation": Row(get=EVERYONE, post=EVERYONE),
    "obligations:expiation_amount": Row(get=EVERYONE, post=NOBODY),
    "obligations:ministry_rates": Row(get=MINISTRY, post=MINISTRY),
    # Money pages: public per initiative, the organization's books for its admin and finance.
    "finance:initiative_money": Row(
        get=EVERYONE, post=EVERYONE, kwargs=lambda w: {"code": w.live.public_code}
    ),
    # Its CSV and JSON, and each organization's page, CSV and JSON: public, read only.
    "transparency:initiative_money_csv": Row(
        get=EVERYONE, post=NOBODY, kwargs=lambda w: {"code": w.live.public_code}
    ),
    "transparency:initiative_money_json": Row(
        get=EVERYONE, post=NOBODY, kwargs=lambda w: {"code": w.live.public_code}
    ),
    "transparency:organization_money": Row(
        get=EVERYONE, post=NOBODY, kwargs=lambda w: {"slug": w.org_a.slug}
    ),
    "transparency:organization_money_csv": Row(
        get=EVERYONE, post=NOBODY, kwargs=lambda w: {"slug": w.org_a.slug}
    ),
    "transparency:organization_money_json": Row(
        get=EVERYONE, post=NOBODY, kwargs=lambda w: {"slug": w.org_a.slug}
    ),
    "finance:org_finance": Row(get=ANY_FINANCE, post=NOBODY),
    # Paying the organization's own money in: finance staff of their own organization only.
    "finance:org_deposit": Row(get=ANY_FINANCE, post=ANY_FINANCE),
    "finance:org_refund": Row(
        get=FINANCE_A, post=FINANCE_A, kwargs=lambda w: {"reference": w.paid.reference}
    ),
    # Money out: the organization's requests (finance staff of their own organization), the
    # ministry's queue above the threshold, and public evidence of a booked payment.
    "disbursements:org_list": Row(get=ANY_FINANCE, post=ANY_FINANCE),
    "disbursements:org_new": Row(get=ANY_FINANCE, post=ANY_FINANCE),
    "disbursements:org_bank_file": Row(get=ANY_FINANCE, post=NOBODY),
    "disbursements:org_detail": Row(
        get=FINANCE_A, post=FINANCE_A, kwargs=lambda w: {"reference": w.disbursement.reference}
    ),
    "disbursements:org_evidence_add": Row(
        get=NOBODY, post=FINANCE_A, kwargs=lambda w: {"reference": w.disbursement.reference}
    ),
    "disbursements:org_evidence": Row(
        get=FINANCE_A,
        post=NOBODY,
        kwargs=lambda w: {
            "reference": w.disbursement.reference,
            "pk": w.disbursement_evidence.pk,
        },
    ),
    "disbursements:org_action": Row(
        get=NOBODY,
        post=FINANCE_A,
        kwargs=lambda w: {"reference": w.disbursement.reference, "action": "submit"},
    ),
    "disbursements:ministry_queue": Row(get=MINISTRY, post=MINISTRY),
    "disbursements:ministry_detail": Row(
        get=MINISTRY, post=MINISTRY, kwargs=lambda w: {"reference": w.disbursement.reference}
    ),
    # Debt relief in counts and amounts only: public.
    "disbursements:debt_relief": Row(get=EVERYONE, post=NOBODY),
    # A caseworker closes a debt case on its verified discharge (organization A's case).
    "disbursements:debt_discharge": Row(
        get=NOBODY,
        post=CASEWORK_A,
        kwargs=lambda w: {"reference": w.case.reference, "document_id": w.case_document.pk},
    ),
    "disbursements:public_evidence": Row(
        get=EVERYONE, post=NOBODY, kwargs=lambda w: {"pk": w.disbursement_public_evidence.pk}
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
    "beneficiaries:document_download": Row(
        get=CASEWORK_A,
        post=NOBODY,
        kwargs=lambda w: {"reference": w.case.reference, "document_id": w.case_document.pk},
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
    "beneficiaries:debt": Row(
        get=NOBODY, post=CASEWORK_A, kwargs=lambda w: {"reference": w.case.reference}
    ),
    "beneficiaries:document_verify": Row(
        get=NOBODY,
        post=CASEWORK_A,
        kwargs=lambda w: {"reference": w.case.reference, "document_id": w.case_document.pk},
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
    # A case's personal data: consents and rights requests for A's caseworkers and admin (a
    # request's page answers by redirecting back to the case's privacy page); health
    # information for its caseworkers only, never the admin.
    "beneficiaries:case_privacy": Row(
        get=CASEWORK_A, post=CASEWORK_A, kwargs=lambda w: {"reference": w.case.reference}
    ),
    "beneficiaries:case_rights_request": Row(
        get=CASEWORK_A, post=CASEWORK_A, kwargs=lambda w: {"reference": w.case.reference}
    ),
    "beneficiaries:case_rights_answer": Row(
        get=CASEWORK_A,
        post=CASEWORK_A,
        kwargs=lambda w: {"reference": w.case.reference, "request_id": w.rights_request.pk},
    ),
    "beneficiaries:case_health": Row(
        get={"caseworker_a"},
        post={"caseworker_a"},
        kwargs=lambda w: {"reference": w.case.reference},
    ),
    # Personal data: the notice for anyone, each person's own data (the changes by POST only),
    # the breach register for organizations' administrators and the platform's keepers
    # (ministry reviewers, site administrators), and A's breach for A's administrator only.
    "privacy:notice": Row(get=EVERYONE, post=EVERYONE),
    "privacy:my_data": Row(get=SIGNED_IN, post=SIGNED_IN),
    "privacy:download": Row(get=NOBODY, post=SIGNED_IN),
    "privacy:consent": Row(get=NOBODY, post=SIGNED_IN),
    "privacy:rectify": Row(get=NOBODY, post=SIGNED_IN),
    "privacy:erase": Row(get=SIGNED_IN, post=SIGNED_IN),
    "privacy:object": Row(get=NOBODY, post=SIGNED_IN),
    "privacy:breaches": Row(
        get=ANY_ADMIN | MINISTRY | PLATFORM_ADMIN, post=ANY_ADMIN | MINISTRY | PLATFORM_ADMIN
    ),
    "privacy:breach": Row(get=ADMIN_A, post=ADMIN_A, kwargs=lambda w: {"breach_id": w.breach.pk}),
    **ACCOUNTS_AND_ADMIN,
    **OPEN_DATA,
    **API,
    **INSIGHTS,
}
