"""Cases are made through the services, so tests exercise the same path as the pages."""

from __future__ import annotations

from joud.beneficiaries import services
from joud.geo.models import Wilayat


def applicant(**overrides) -> dict:
    data = {
        "full_name": "هيثم بن سالم بن خميس الهنائي",
        "sex": "m",
        "birth_year": 1984,
        "birth_month": 3,
        "birth_day": 7,
        "civil_id": "12345678",
        "phone": "91234567",
        "monthly_income": "150.000",
    }
    data.update(overrides)
    return data


def make_case(organization, actor, *, category="living", wilayat=None, **applicant_overrides):
    return services.case_create(
        organization=organization,
        actor=actor,
        kind="household",
        category=category,
        wilayat=wilayat or Wilayat.objects.get(name_ar="نزوى"),
        applicant=applicant(**applicant_overrides),
        monthly_income="220.000",
        needs="سداد الإيجار المتأخر",
        consent_given=True,
    )
