"""What each audit action says, as a sentence with the actor and the object in it.

``%(actor)s`` is the person (or "The platform" for the scheduler and the gateways' webhooks),
``%(object)s`` the thing the entry is about, linked where the reader may open it. Actions are
plain strings here (``joud.<thing>.<verb>``): core imports no app to know them. An action this
table does not list is still told in words (``generic``): the thing's name and the verb's.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

PHRASES = {
    # initiatives
    "joud.initiative.created": _("%(actor)s created the initiative %(object)s as a draft."),
    "joud.initiative.edited": _("%(actor)s edited the draft of the initiative %(object)s."),
    "joud.initiative.cover_changed": _("%(actor)s changed the cover of the initiative %(object)s."),
    "joud.initiative.submitted": _(
        "%(actor)s submitted the initiative %(object)s to the ministry."
    ),
    "joud.initiative.approved": _("%(actor)s approved the initiative %(object)s."),
    "joud.initiative.rejected": _("%(actor)s rejected the initiative %(object)s."),
    "joud.initiative.changes_requested": _(
        "%(actor)s asked for changes to the initiative %(object)s."
    ),
    "joud.initiative.started": _("The initiative %(object)s went live (%(actor)s)."),
    "joud.initiative.live": _("The initiative %(object)s went live (%(actor)s)."),
    "joud.initiative.ended": _("%(actor)s ended the initiative %(object)s."),
    "joud.initiative.reported": _("%(actor)s sent the final report of the initiative %(object)s."),
    "joud.initiative.report_returned": _(
        "%(actor)s returned the final report of the initiative %(object)s."
    ),
    "joud.initiative.report_overdue": _(
        "The final report of the initiative %(object)s is overdue (%(actor)s)."
    ),
    "joud.initiative.closed": _("%(actor)s closed the initiative %(object)s."),
    "joud.initiative.suspended": _("%(actor)s suspended the initiative %(object)s."),
    "joud.initiative.reinstated": _(
        "%(actor)s lifted the suspension of the initiative %(object)s."
    ),
    "joud.initiative.update_posted": _("%(actor)s posted an update on the initiative %(object)s."),
    # final reports
    "joud.final_report.submitted": _("%(actor)s sent the final report %(object)s."),
    "joud.final_report.accepted": _("%(actor)s accepted the final report %(object)s."),
    "joud.final_report.changes_requested": _(
        "%(actor)s asked for changes to the final report %(object)s."
    ),
    "joud.final_report.reminder_sent": _(
        "%(actor)s reminded the organization that the final report %(object)s is due soon."
    ),
    "joud.final_report.warning_sent": _(
        "%(actor)s warned the organization that the final report %(object)s is due today."
    ),
    "joud.final_report.submissions_blocked": _(
        "%(actor)s stopped new initiatives until the late report %(object)s is sent."
    ),
    # organizations
    "joud.organization.applied": _("%(actor)s applied for a licence for %(object)s."),
    "joud.organization.resubmitted": _("%(actor)s sent the application of %(object)s again."),
    "joud.organization.approved": _("%(actor)s licensed %(object)s."),
    "joud.organization.rejected": _("%(actor)s rejected the application of %(object)s."),
    "joud.organization.changes_requested": _(
        "%(actor)s asked %(object)s for changes to its application."
    ),
    "joud.organization.warned": _("%(actor)s issued a warning to %(object)s."),
    "joud.organization.suspended": _("%(actor)s suspended the licence of %(object)s."),
    "joud.organization.reinstated": _("%(actor)s lifted the suspension of %(object)s."),
    "joud.organization.documents_moved": _(
        "%(actor)s moved the documents of %(object)s to private storage."
    ),
    "joud.accounts.ministry_role_granted": _("%(actor)s made %(object)s a ministry reviewer."),
    # money in
    "joud.donation.created": _("%(actor)s started the donation %(object)s."),
    "joud.donation.case_closed_before_payment": _(
        "The case of the donation %(object)s closed before it was paid (%(actor)s)."
    ),
    "joud.payment.started": _("%(actor)s started paying %(object)s."),
    "joud.payment.confirmed": _("The gateway confirmed the payment %(object)s (%(actor)s)."),
    "joud.payment.pending": _(
        "The gateway reported the payment %(object)s as pending (%(actor)s)."
    ),
    "joud.payment.failed": _("The payment %(object)s failed (%(actor)s)."),
    "joud.payment.pending_polled": _(
        "%(actor)s asked the gateways about payments nobody confirmed."
    ),
    "joud.refund.done": _("%(actor)s refunded %(object)s."),
    "joud.refund.held": _("%(actor)s held the refund %(object)s."),
    "joud.refund.failed": _("The refund %(object)s failed (%(actor)s)."),
    "joud.chargeback.recorded": _("%(actor)s recorded a chargeback on %(object)s."),
    "joud.recurring.created": _("%(actor)s set up the giving plan %(object)s."),
    "joud.recurring.finished": _("The giving plan %(object)s finished (%(actor)s)."),
    "joud.recurring.paused": _("The giving plan %(object)s was paused (%(actor)s)."),
    "joud.recurring.cancelled": _("The giving plan %(object)s was cancelled (%(actor)s)."),
    "joud.receipt.issued": _("%(actor)s issued the receipt %(object)s."),
    "joud.receipt.cancellation_issued": _(
        "%(actor)s issued a cancellation of the receipt %(object)s."
    ),
    "joud.reconciliation.completed": _(
        "%(actor)s reconciled the gateway's settlement report with the books."
    ),
    "joud.reconciliation.skipped": _(
        "%(actor)s skipped a reconciliation: the settlement report was not there."
    ),
    # the books and money out
    "joud.ledger.deposited": _("%(actor)s paid money in from the organization's own funds."),
    "joud.ledger.transferred": _("%(actor)s moved money between funds."),
    "joud.ledger.disbursed": _("%(actor)s booked the payment %(object)s in the ledger."),
    "joud.ledger.disbursement_reversed": _(
        "%(actor)s booked the return of the bounced payment %(object)s."
    ),
    "joud.disbursement.created": _("%(actor)s drafted the payment %(object)s."),
    "joud.disbursement.submitted": _("%(actor)s sent the payment %(object)s for approval."),
    "joud.disbursement.approved": _("%(actor)s approved the payment %(object)s."),
    "joud.disbursement.rejected": _("%(actor)s rejected the payment %(object)s."),
    "joud.disbursement.ministry_approved": _(
        "%(actor)s approved the payment %(object)s for the ministry."
    ),
    "joud.disbursement.ministry_rejected": _(
        "%(actor)s rejected the payment %(object)s for the ministry."
    ),
    "joud.disbursement.paid": _("%(actor)s marked the payment %(object)s as paid."),
    "joud.disbursement.bounced": _("%(actor)s recorded that the bank returned %(object)s."),
    "joud.disbursement.evidence_added": _("%(actor)s added evidence to the payment %(object)s."),
    "joud.disbursement.bank_file_exported": _("%(actor)s downloaded the bank-transfer file."),
    # complaints
    "joud.complaint.filed": _("%(actor)s reported an appeal: %(object)s."),
    "joud.complaint.dismissed": _("%(actor)s dismissed the complaint %(object)s."),
    "joud.complaint.warning": _(
        "%(actor)s upheld the complaint %(object)s and warned the organization."
    ),
    "joud.complaint.suspension": _(
        "%(actor)s upheld the complaint %(object)s and suspended the organization."
    ),
    # cases and duplicates
    "joud.case.created": _("%(actor)s opened the case %(object)s."),
    "joud.case.person_added": _("%(actor)s added a person to the case %(object)s."),
    "joud.case.document_added": _("%(actor)s added a document to the case %(object)s."),
    "joud.case.assessed": _("%(actor)s assessed the case %(object)s."),
    "joud.case.decided": _("%(actor)s decided on the case %(object)s."),
    "joud.case.status_changed": _("%(actor)s changed the status of the case %(object)s."),
    "joud.case.published": _("%(actor)s published the case %(object)s for donors."),
    "joud.case.funds_added": _("Money reached the case %(object)s (%(actor)s)."),
    "joud.case.appealed": _("%(actor)s appealed the decision on the case %(object)s."),
    "joud.case.appeal_decided": _("%(actor)s decided the appeal on the case %(object)s."),
    "joud.case.exported": _("%(actor)s exported the case %(object)s."),
    "joud.case.keys_rotated": _("%(actor)s re-encrypted the identifiers with the new key."),
    "joud.case.documents_moved": _("%(actor)s moved case documents to private storage."),
    "joud.duplicate.raised": _("%(actor)s raised %(object)s."),
    "joud.duplicate.decided": _("%(actor)s decided on %(object)s."),
    "joud.duplicate.threshold_learnt": _(
        "%(actor)s learnt a new duplicate threshold from the reviewers' decisions."
    ),
    "joud.inkind.offered": _("%(actor)s offered a gift in kind: %(object)s."),
    "joud.inkind.accepted": _("%(actor)s accepted the gift in kind %(object)s."),
    "joud.inkind.declined": _("%(actor)s declined the gift in kind %(object)s."),
    "joud.inkind.delivered": _("%(actor)s recorded the delivery of the gift in kind %(object)s."),
    "joud.import.committed": _("%(actor)s imported a spreadsheet of records."),
    "joud.import.undone": _("%(actor)s undid an import."),
    # transparency, API
    "joud.scorecard.recomputed": _("%(actor)s computed the performance scorecards again."),
    "joud.opendata.published": _("%(actor)s published the day's open data."),
    "joud.api_token.created": _("%(actor)s created the API key %(object)s."),
    "joud.api_token.revoked": _("%(actor)s revoked the API key %(object)s."),
    "joud.webhook.created": _("%(actor)s added the webhook %(object)s."),
    "joud.webhook.deleted": _("%(actor)s deleted the webhook %(object)s."),
    "joud.webhook.replayed": _("%(actor)s sent the webhook %(object)s's events again."),
    "joud.webhook.auto_disabled": _(
        "The webhook %(object)s was turned off after failing for a day (%(actor)s)."
    ),
    "joud.webhook.enabled": _("%(actor)s turned the webhook %(object)s on."),
    "joud.webhook.disabled": _("%(actor)s turned the webhook %(object)s off."),
    # volunteering
    "joud.volunteering.opportunity_created": _("%(actor)s posted the opportunity %(object)s."),
    "joud.volunteering.opportunity_status": _(
        "%(actor)s changed the status of the opportunity %(object)s."
    ),
    "joud.volunteering.shift_created": _("%(actor)s added the shift %(object)s."),
    "joud.volunteering.shift_capacity": _("%(actor)s changed the seats of the shift %(object)s."),
    "joud.volunteering.signup_created": _("%(actor)s signed up for %(object)s."),
    "joud.volunteering.signup_cancelled": _("%(actor)s cancelled a sign-up for %(object)s."),
    "joud.volunteering.signup_promoted": _("A place on %(object)s opened for a waiting volunteer."),
    "joud.volunteering.checked_in": _("%(actor)s checked in at %(object)s."),
    "joud.volunteering.checked_out": _("%(actor)s checked out of %(object)s."),
    "joud.volunteering.hours_approved": _("%(actor)s approved the hours of %(object)s."),
    "joud.volunteering.hours_disputed": _("%(actor)s disputed the hours of %(object)s."),
    "joud.volunteering.dispute_resolved": _("%(actor)s resolved the dispute on %(object)s."),
    "joud.volunteering.certificate_issued": _("%(actor)s issued the certificate %(object)s."),
    "joud.volunteering.guardian_consent": _("%(actor)s recorded a guardian's consent."),
    "joud.volunteering.profile_saved": _("%(actor)s saved a volunteer profile."),
    "joud.volunteering.message_sent": _(
        "%(actor)s sent a message to the volunteers of %(object)s."
    ),
    "joud.volunteering.reminders_sent": _("%(actor)s sent the shift reminders."),
    "joud.volunteering.roster_exported": _("%(actor)s downloaded the roster of %(object)s."),
    "joud.volunteering.site_code_rotated": _("%(actor)s changed the check-in code of %(object)s."),
}

# Who acted when nobody signed in: the public for what the public does, else the platform.
UNSIGNED = {
    "joud.complaint.filed": _("A member of the public"),
    "joud.donation.created": _("A donor"),
    "joud.payment.started": _("A donor"),
    "joud.recurring.created": _("A donor"),
    "joud.inkind.offered": _("A donor"),
}

# An action missing above: "<the thing>: <what happened>" from its last two parts.
GENERIC = _("%(actor)s: %(verb)s (%(object)s).")

VERBS = {
    "created": pgettext_lazy("audit verb", "created"),
    "edited": pgettext_lazy("audit verb", "edited"),
    "updated": pgettext_lazy("audit verb", "updated"),
    "deleted": pgettext_lazy("audit verb", "deleted"),
    "submitted": pgettext_lazy("audit verb", "submitted"),
    "approved": pgettext_lazy("audit verb", "approved"),
    "rejected": pgettext_lazy("audit verb", "rejected"),
    "accepted": pgettext_lazy("audit verb", "accepted"),
    "declined": pgettext_lazy("audit verb", "declined"),
    "cancelled": pgettext_lazy("audit verb", "cancelled"),
    "suspended": pgettext_lazy("audit verb", "suspended"),
    "reinstated": pgettext_lazy("audit verb", "suspension lifted"),
    "closed": pgettext_lazy("audit verb", "closed"),
    "paid": pgettext_lazy("audit verb", "paid"),
    "failed": pgettext_lazy("audit verb", "failed"),
    "issued": pgettext_lazy("audit verb", "issued"),
    "sent": pgettext_lazy("audit verb", "sent"),
    "exported": pgettext_lazy("audit verb", "exported"),
    "published": pgettext_lazy("audit verb", "published"),
    "moved": pgettext_lazy("audit verb", "moved"),
}
OTHER_VERB = pgettext_lazy("audit verb", "recorded a change")

# The audit page's filter: groups of actions by what they are about (the action prefix).
GROUPS = [
    ("joud.initiative.", _("Initiatives")),
    ("joud.final_report.", _("Final reports")),
    ("joud.organization.", _("Organizations and licences")),
    ("joud.complaint.", _("Complaints")),
    ("joud.disbursement.", _("Payments out")),
    ("joud.ledger.", _("The books")),
    ("joud.payment.", _("Payments in")),
    ("joud.refund.", _("Refunds")),
    ("joud.case.", _("Cases")),
    ("joud.duplicate.", _("Duplicate review")),
    ("joud.volunteering.", _("Volunteering")),
    ("joud.webhook.", _("Webhooks and API keys")),
]
