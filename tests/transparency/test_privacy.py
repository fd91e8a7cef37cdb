"""No personal data in any exported file: donors' names, phones and emails, a dedication, a gift
recipient, a beneficiary's name, civil ID and phone, staff names and contacts, a free-text memo
and an unpublished draft are planted in the platform, and none of them is in any file."""

from __future__ import annotations

import pytest

from joud.transparency.catalogue import FILES
from joud.transparency.services import opendata_publish
from tests.transparency.published import read_all
from tests.transparency.world import build_world


@pytest.mark.django_db
def test_no_planted_personal_data_is_in_any_file():
    world = build_world()
    files = read_all(opendata_publish())
    assert set(files) == {f.name for f in FILES}
    text = {name: content.decode("utf-8") for name, content in files.items()}
    # The files are not empty: the public records are there.
    assert world.big.title_ar in text["grants.json"]
    assert world.org.name_ar in text["organizations.csv"]
    needles = set(world.planted)
    # Phone numbers also without their country code, as they may be typed.
    needles |= {p.removeprefix("+968") for p in world.planted if p.startswith("+968")}
    leaks = [(name, n) for name, body in text.items() for n in needles if n in body]
    assert leaks == []
