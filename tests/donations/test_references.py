from __future__ import annotations

import re

import pytest

from joud.donations.models import Donation
from tests.donations.factories import make_donation


@pytest.mark.django_db
def test_references_are_readable_and_a_collision_draws_again(initiative, monkeypatch):
    first, attempt = make_donation(initiative=initiative)
    assert re.fullmatch(r"JD-[A-HJ-NP-Z2-9]{6}", first.reference)
    assert attempt.reference == f"{first.reference}-P1"
    drawn = iter([first.reference, first.reference, "JD-NEWREF"])
    field = Donation._meta.get_field("reference")
    monkeypatch.setattr(field, "default", lambda: next(drawn))
    field.__dict__.pop("_get_default", None)  # Django caches the default callable
    try:
        second, _ = make_donation(initiative=initiative)
    finally:
        field.__dict__.pop("_get_default", None)
    assert second.reference == "JD-NEWREF"
