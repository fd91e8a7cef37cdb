"""Giving to a verified case: an approved case published with a story free of personal data,
and the confirmed gifts that fund it."""

from __future__ import annotations

import re
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from joud.beneficiaries.matching.normalize import tokenize
from joud.beneficiaries.models import Case, PublicCase, new_code
from joud.beneficiaries.services.validation import parse_amount
from joud.core.audit import audit_log
from joud.core.errors import BusinessError
from joud.core.money import quantize
from joud.core.tenancy import scopes_disabled


def _story_leaks_personal_data(case: Case, text: str) -> bool:
    norm = {t.text for t in tokenize(text)}
    digits = re.sub(r"\D", "", text)
    for p in case.members.all():
        tokens = tokenize(p.full_name)
        if tokens and tokens[0].text in norm and (len(tokens) < 2 or tokens[-1].text in norm):
            return True
        for ident in (p.civil_id, p.phone):
            if ident and ident in digits:
                return True
    return False


@transaction.atomic
def public_case_publish(
    *,
    case: Case,
    actor,
    title_ar: str,
    story_ar: str,
    amount_needed,
    title_en: str = "",
    story_en: str = "",
    needed_items: str = "",
    surplus_policy: str = PublicCase.Surplus.SIMILAR_CASES,
) -> PublicCase:
    if case.status != Case.Status.APPROVED:
        raise BusinessError(_("Only an approved case can be published for giving."))
    if hasattr(case, "public"):
        raise BusinessError(_("This case is already published."))
    amount = parse_amount(amount_needed, field="amount_needed")
    if not amount:
        raise BusinessError(_("Enter the amount needed."), field="amount_needed")
    if not title_ar.strip() or len(story_ar.strip()) < 20:
        raise BusinessError(
            _("Write a title and a story of at least 20 characters."), field="story_ar"
        )
    for text in (title_ar, story_ar, title_en, story_en):
        if _story_leaks_personal_data(case, text):
            raise BusinessError(
                _("The public story must not contain names, civil IDs or phone numbers."),
                field="story_ar",
            )
    with scopes_disabled():
        while True:
            code = new_code("JC")
            if not PublicCase.objects.filter(code=code).exists():
                break
    public = PublicCase.objects.create(
        organization=case.organization,
        case=case,
        code=code,
        title_ar=title_ar.strip(),
        title_en=title_en.strip(),
        story_ar=story_ar.strip(),
        story_en=story_en.strip(),
        category=case.category,
        wilayat=case.wilayat,
        amount_needed=amount,
        needed_items=needed_items.strip(),
        surplus_policy=surplus_policy,
    )
    audit_log(action="joud.case.published", actor=actor, target=case, data={"code": code})
    return public


@transaction.atomic
def public_case_add_funds(*, public_case: PublicCase, amount: Decimal) -> PublicCase:
    """For the money flow: record a confirmed gift; the case closes when funded. The surplus
    (beyond the amount needed) is reported and handled per ``surplus_policy``."""
    with scopes_disabled():
        pc = PublicCase.objects.select_for_update().get(pk=public_case.pk)
    if pc.status != PublicCase.Status.PUBLISHED:
        raise BusinessError(_("This case is no longer open for giving."))
    pc.amount_raised = quantize(pc.amount_raised + quantize(amount))
    if pc.amount_raised >= pc.amount_needed:
        pc.status = PublicCase.Status.FUNDED
    pc.save(update_fields=["amount_raised", "status", "updated_at"])
    audit_log(
        action="joud.case.funds_added",
        target=pc,
        organization=pc.organization,
        data={
            "amount": amount,
            "raised": pc.amount_raised,
            "surplus": max(Decimal(0), pc.amount_raised - pc.amount_needed),
            "surplus_policy": pc.surplus_policy,
        },
    )
    return pc
