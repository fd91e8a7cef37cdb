"""Beneficiaries from a list: each row becomes a case with its applicant through
``beneficiaries.services.case_create`` (the same checks as the form, and the duplicate check
against every association). A match in our own cases shows its reference; a match in another
association shows only that there is one (no reference, score or name: the alert raised by a
saved row is where the two sides are compared), and every such look is logged on the other
association's case, as reading a case is."""

from __future__ import annotations

from django.db.models import ProtectedError, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from joud.beneficiaries.models import Case, DuplicateAlert
from joud.beneficiaries.models.cases import Category
from joud.beneficiaries.services import case_create
from joud.campaigns.search import normalize
from joud.core.errors import BusinessError
from joud.core.tenancy import scopes_disabled
from joud.geo.models import Wilayat
from joud.organizations.models import Membership

ROLES = (Membership.Role.ADMIN, Membership.Role.CASEWORKER)

COLUMNS = (
    "full_name",
    "civil_id",
    "phone",
    "sex",
    "birth_year",
    "wilayat",
    "category",
    "monthly_income",
    "needs",
    "consent",
)
YES = {"yes", "y", "1", "true", "نعم"}


def _category(value: str) -> str:
    value = value.strip()
    if value.lower() in Category.values:
        return value.lower()
    for code, label in Category.choices:
        with translation.override("ar"):
            arabic = str(label)
        with translation.override("en"):
            english = str(label)
        if value in (arabic, english):
            return code
    raise BusinessError(_("Unknown category: use one of the case categories."), field="category")


def _folded(name: str) -> str:
    return normalize(name).replace("ء", "")  # بهلاء is often written بهلا


def _wilayat(value: str, known: dict) -> Wilayat:
    """By its Arabic name (spelling variants folded: أ/إ/ا, ة/ه, ى/ي, ء) or its English one."""
    if not known:
        for wilayat in Wilayat.objects.all():
            known[_folded(wilayat.name_ar)] = wilayat
            known[wilayat.name_en.strip().lower()] = wilayat
    found = known.get(_folded(value)) or known.get(value.strip().lower())
    if found is None:
        raise BusinessError(_("Unknown wilayat: write its name as on the map."), field="wilayat")
    return found


def _year(value: str):
    if not value:
        return None
    if not (value.isascii() and value.isdigit() and len(value) == 4):
        raise BusinessError(_("The birth year is four digits."), field="birth_year")
    return int(value)


def apply_row(organization, actor, row: dict, memo: dict) -> Case:
    wilayats = memo.setdefault("wilayats", {})
    if row["consent"].strip().lower() not in YES:
        raise BusinessError(
            _("The applicant's consent must be recorded before their data is stored."),
            field="consent",
        )
    sex = row["sex"].strip().lower()[:1]
    if sex not in ("", "m", "f"):
        raise BusinessError(_("Sex is m or f."), field="sex")
    return case_create(
        organization=organization,
        actor=actor,
        kind=Case.Kind.HOUSEHOLD,
        category=_category(row["category"]),
        wilayat=_wilayat(row["wilayat"], wilayats),
        applicant={
            "full_name": row["full_name"],
            "civil_id": row["civil_id"],
            "phone": row["phone"],
            "sex": sex,
            "birth_year": _year(row["birth_year"]),
        },
        monthly_income=row["monthly_income"] or None,
        needs=row["needs"][:2000],
        consent_given=True,
    )


def matches(case: Case, looked: list[int]) -> list[dict]:
    """Possible duplicates of the row's person: our own case's reference and score, or only
    "another association" (its people stay private until someone reviews the alert); the other
    associations' cases looked at are added to ``looked`` (for the access log)."""
    found = []
    alerts = DuplicateAlert.objects.filter(case_a=case) | DuplicateAlert.objects.filter(case_b=case)
    for alert in alerts.select_related("case_a", "case_b").order_by("pk"):
        other = alert.case_b if alert.case_a_id == case.pk else alert.case_a
        if other.organization_id == case.organization_id:
            found.append({"score": round(alert.score, 2), "case": other.reference})
        else:
            found.append({"score": None, "case": None})
            looked.append(other.pk)
    return found


def _alerts_on(case_ids):
    with scopes_disabled():
        return DuplicateAlert.objects.filter(Q(case_a_id__in=case_ids) | Q(case_b_id__in=case_ids))


def committed(batch) -> None:
    """Remember the duplicate alerts the commit raised on its cases: undo may remove these and
    no other."""
    batch.alert_ids = list(_alerts_on(batch.created_ids).values_list("pk", flat=True))


def _touched_since(batch) -> bool:
    """Whether deleting the imported cases would take with them a duplicate alert the import
    did not raise (one raised later, by another association's entry or the nightly run) or one
    somebody has decided: those belong to others, and undo must not erase them."""
    alerts = _alerts_on(batch.created_ids)
    return (
        alerts.exclude(pk__in=batch.alert_ids).exists()
        or alerts.exclude(status=DuplicateAlert.Status.OPEN).exists()
    )


def undo(batch, actor) -> None:
    """Delete the cases made (refused once anything else hangs on them, such as a payment)."""
    if _touched_since(batch):
        raise BusinessError(
            _(
                "Another association or the ministry has since worked on possible "
                "duplicates of these cases: undo is no longer possible."
            )
        )
    try:
        Case.objects.filter(organization=batch.organization, pk__in=batch.created_ids).delete()
    except ProtectedError as exc:
        raise BusinessError(
            _("Some of the imported cases are already in use: undo is no longer possible.")
        ) from exc
