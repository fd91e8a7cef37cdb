"""Privacy of case files: every read is logged, an export needs a recorded reason, and the
stored identifiers can be re-encrypted with a new key."""

from __future__ import annotations

from django.db import connection, transaction
from django.utils.translation import gettext_lazy as _

from joud.beneficiaries import access, crypto
from joud.beneficiaries.models import Case, CaseAccessLog, InKindOffer, Person
from joud.core.audit import audit_log
from joud.core.errors import BusinessError, PermissionDeniedError


def access_log_record(*, case: Case, user, action: str, reason: str = "", ip=None) -> None:
    CaseAccessLog.objects.create(
        case=case,
        organization_id=case.organization_id,
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        reason=reason,
        ip_address=ip,
    )


@transaction.atomic
def case_export(*, case: Case, user, reason: str, ip=None) -> str:
    """The case file as text, only with a recorded reason."""
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise BusinessError(
            _("Write why the case file is being exported (at least 10 characters)."),
            field="reason",
        )
    access_log_record(
        case=case, user=user, action=CaseAccessLog.Action.EXPORT, reason=reason, ip=ip
    )
    audit_log(action="joud.case.exported", actor=user, target=case, data={"reason": reason})
    labels = {
        "case": _("Case"),
        "org": _("Organization"),
        "category": _("Category"),
        "status": _("Status"),
        "wilayat": _("Wilayat"),
        "income": _("Monthly household income (OMR)"),
        "needs": _("Needs"),
        "civil": _("civil ID"),
        "phone": _("phone"),
    }
    lines = [
        "{}: {}".format(labels["case"], case.reference),
        "{}: {}".format(labels["org"], case.organization.name),
        "{}: {}".format(labels["category"], case.get_category_display()),
        "{}: {}".format(labels["status"], case.get_status_display()),
        "{}: {}".format(labels["wilayat"], case.wilayat.name),
        "{}: {}".format(labels["income"], case.monthly_income or ""),
        "{}: {}".format(labels["needs"], case.needs),
        "",
    ]
    for p in case.members.all():
        lines.append(
            "{}: {} | {} | {} {} | {} {}".format(
                p.get_relation_display(),
                p.full_name,
                p.birth_display,
                labels["civil"],
                p.civil_id,
                labels["phone"],
                p.phone,
            )
        )
    lines.append("")
    for d in case.decisions.all():
        lines.append(f"{d.created_at:%Y-%m-%d} {d.get_outcome_display()}: {d.reason}")
    return "\n".join(lines) + "\n"


def _health_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise BusinessError(
            _("Write why the health information is needed (at least 10 characters)."),
            field="reason",
        )
    return reason[:500]


def health_read(*, case: Case, user, reason: str, ip=None) -> dict[int, str]:
    """The household's health conditions, for a caseworker of the case, with the reason logged."""
    if not access.may_read_health(user, case):
        raise PermissionDeniedError(_("Only the case's caseworkers may read health information."))
    reason = _health_reason(reason)
    access_log_record(
        case=case, user=user, action=CaseAccessLog.Action.HEALTH, reason=reason, ip=ip
    )
    return {p.pk: p.health_condition for p in case.members.all()}


@transaction.atomic
def health_set(*, person: Person, user, condition: str, reason: str, ip=None) -> Person:
    if not access.may_read_health(user, person.case):
        raise PermissionDeniedError(_("Only the case's caseworkers may record health information."))
    reason = _health_reason(reason)
    condition = (condition or "").strip()
    if len(condition) > 2000 or any(ord(ch) < 32 and ch not in "\n\r\t" for ch in condition):
        raise BusinessError(
            _("The text is too long or holds control characters."), field="condition"
        )
    person.health_condition = condition
    person.save(update_fields=["health_condition", "updated_at"])
    access_log_record(
        case=person.case, user=user, action=CaseAccessLog.Action.HEALTH_WRITE, reason=reason, ip=ip
    )
    return person


def rotate_keys() -> int:
    """Re-encrypt every stored identifier with the newest key (the first of JOUD_FIELD_KEYS)."""
    count = 0
    people = ("civil_id", "phone", "health_condition")
    for model, fields in ((Person, people), (InKindOffer, ("donor_phone",))):
        table = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id, {', '.join(fields)} FROM {table}")  # noqa: S608
            rows = cursor.fetchall()
            for row in rows:
                tokens = [crypto.rotate_token(t) if t else t for t in row[1:]]
                sets = ", ".join(f"{f} = %s" for f in fields)
                cursor.execute(f"UPDATE {table} SET {sets} WHERE id = %s", [*tokens, row[0]])  # noqa: S608
                count += 1
    audit_log(action="joud.case.keys_rotated", data={"rows": count})
    return count
