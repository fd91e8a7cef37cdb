"""Demo cases: households across several associations, some registered twice (messily) so the
duplicate review queue has something to show; the demo caseworker's organization has cases."""

from __future__ import annotations

import datetime as dt

from joud.beneficiaries import services
from joud.beneficiaries.evaluation.households import World
from joud.beneficiaries.evaluation.registration import family_form, latin_spelling, spell_arabic
from joud.beneficiaries.models import Case, Person
from joud.geo.models import Wilayat

HOUSEHOLDS = 24
NEEDS = [
    "سداد إيجار متأخر لثلاثة أشهر",
    "علاج طبيعي للابن بعد حادث",
    "ترميم سقف المنزل قبل موسم الأمطار",
    "مصاريف دراسة جامعية للابنة",
    "سلة غذائية شهرية",
    "سداد دين لمحل مواد البناء",
]
CATEGORIES = ["living", "medical", "housing", "education", "living", "debt"]


def _relation(p, head) -> str:
    if p is head:
        return Person.Relation.APPLICANT
    if p.father == head.given and p.family == head.family:
        return Person.Relation.SON if p.sex == "m" else Person.Relation.DAUGHTER
    if p.given == head.father and p.sex == "m":
        return Person.Relation.FATHER
    if p.sex == "f" and abs(p.year - head.year) < 15:
        return Person.Relation.SPOUSE
    return Person.Relation.OTHER


def _full_name(p, *, messy: bool, rng) -> str:
    connector = "بن" if p.sex == "m" else "بنت"
    parts = [p.given, p.father, p.grandfather]
    family = p.family
    if messy:
        if rng.random() < 0.5:
            parts = parts[:2]  # grandfather left out
        if rng.random() < 0.3:
            latin = [latin_spelling(rng, n) for n in parts]
            fam = latin_spelling(rng, family, family=True)
            if all(latin) and fam:
                return " ".join(latin) + " " + fam
        parts = [spell_arabic(rng, n) for n in parts]
        family = family_form(rng, family, p.sex)
        return " ".join(parts) + " " + family
    return f"{parts[0]} {connector} {parts[1]} بن {parts[2]} {family}"


def _name_fields(p, *, messy: bool, rng) -> dict:
    """A clean form gives the name's parts (issue 21); a messy one only free text."""
    if messy:
        return {"full_name": _full_name(p, messy=True, rng=rng)}
    return {
        "full_name": _full_name(p, messy=False, rng=rng),
        "given_name": p.given,
        "father_name": p.father,
        "grandfather_name": p.grandfather,
        "family_name": p.family,
    }


def _wilayat(name, fallback):
    return Wilayat.objects.filter(name_ar=name).first() or fallback


def _register(org, members, *, reference, actor, rng, messy, category, needs):
    head = members[0]
    year, month, day = head.year, head.month, head.day
    if messy and rng.random() < 0.5:
        month = day = None
    case = services.case_create(
        organization=org,
        actor=actor,
        kind=Case.Kind.HOUSEHOLD if len(members) > 1 else Case.Kind.PERSON,
        category=category,
        wilayat=_wilayat(head.wilayat, org.wilayat),
        applicant={
            **_name_fields(head, messy=messy, rng=rng),
            "sex": head.sex,
            "birth_year": year,
            "birth_month": month,
            "birth_day": day,
            "civil_id": "" if messy and rng.random() < 0.5 else head.civil_id,
            "phone": head.phone,
            "monthly_income": str(rng.choice([0, 85, 120, 180, 240])),
        },
        monthly_income=str(rng.choice([120, 180, 260, 310])),
        needs=needs,
        consent_given=True,
    )
    Case.unscoped.filter(pk=case.pk).update(reference=reference)
    case.reference = reference
    for p in members[1:]:
        if messy and rng.random() < 0.2:
            continue
        services.person_add(
            case=case,
            actor=actor,
            relation=_relation(p, head),
            **_name_fields(p, messy=messy, rng=rng),
            sex=p.sex,
            birth_year=p.year,
            birth_month=None if messy else p.month,
            birth_day=None if messy else p.day,
            civil_id="" if messy else p.civil_id,
            phone=p.phone if p.phone != head.phone else "",
            check_duplicates=False,
        )
    return case


def seed(rng, world) -> bool:
    orgs = [o for o in world.get("organizations", []) if o.kind in ("association", "team")][:5]
    users = world.get("users", {})
    if len(orgs) < 2 or Case.unscoped.filter(reference="CS-DM000").exists():
        return False
    caseworker = users.get("caseworker")
    w = World(rng)
    made = []
    for i in range(HOUSEHOLDS):
        members = w.household()
        for p in members:  # the synthetic phones become valid Omani mobiles
            p.phone = "9" + p.phone[1:]
        org = orgs[i % len(orgs)]
        actor = caseworker if org == orgs[0] else None
        k = i % len(NEEDS)
        case = _register(
            org,
            members,
            reference=f"CS-DM{i:03d}",
            actor=actor,
            rng=rng,
            messy=False,
            category=CATEGORIES[k],
            needs=NEEDS[k],
        )
        made.append(case)
        if i % 3 == 0:  # the same household registered again with another association
            other = orgs[(i + 1 + i // 3) % len(orgs)]
            if other == org:
                other = orgs[(i + 2) % len(orgs)]
            _register(
                other,
                members,
                reference=f"CS-DX{i:03d}",
                actor=caseworker if other == orgs[0] else None,
                rng=rng,
                messy=True,
                category=CATEGORIES[k],
                needs=NEEDS[k],
            )
    # Move a few of the caseworker's cases along so every page has something to show.
    own = [c for c in made if c.organization_id == orgs[0].pk]
    if own:
        services.assessment_record(
            case=own[0],
            actor=caseworker,
            category=own[0].category,
            answers={
                "income_verified": True,
                "income_below_threshold": True,
                "zakat_muslim": True,
                "zakat_below_nisab": True,
                "zakat_eight_categories": True,
                "zakat_not_dependant": True,
            },
            notes="زيارة منزلية وتحقق من كشف الراتب",
        )
        services.case_decide(
            case=own[0], actor=caseworker, outcome="approve", reason="الدخل دون الحد والأسرة كبيرة"
        )
        services.public_case_publish(
            case=own[0],
            actor=caseworker,
            title_ar="سداد إيجار أسرة متعففة",
            story_ar="أسرة من ستة أفراد تأخر إيجار منزلها ثلاثة أشهر بعد أن فقد عائلها عمله، "
            "وتحققت الجمعية من حالتها بزيارة منزلية.",
            amount_needed="450.000",
            needed_items="ثلاجة\nغسالة ملابس\nسرير أطفال",
        )
    if len(own) > 1:
        services.assessment_record(
            case=own[1],
            actor=caseworker,
            category=own[1].category,
            answers={},
            notes="لم تكتمل المستندات",
        )
        services.case_decide(
            case=own[1], actor=caseworker, outcome="reject", reason="الدخل يتجاوز الحد المعتمد"
        )
    services.duplicates_detect_all()
    world["cases"] = made
    world.setdefault("today", dt.date.today())
    return True
