"""Counts of fewer than 5 people are not published, nor a part that the whole would give away."""

from __future__ import annotations

import pytest

from joud.transparency.services import opendata_publish
from joud.transparency.tables import suppress, suppress_complement
from tests.transparency.published import load_json, read_all
from tests.transparency.world import build_world


@pytest.mark.django_db
def test_small_donor_and_beneficiary_counts_are_left_empty():
    world = build_world()
    files = read_all(opendata_publish())
    rows = {r["code"]: r for r in load_json(files["initiatives.json"])}
    assert rows[world.big.public_code]["donors"] == 6
    assert rows[world.big.public_code]["suppressed"] == []
    small = rows[world.small.public_code]  # three donors
    assert small["donors"] is None and small["suppressed"] == ["donors"]
    assert small["raised"] == "21.750"  # money is not a count of people: it stays
    national = next(r for r in load_json(files["totals.json"]) if r["scope"] == "national")
    assert national["donors"] == 9
    assert national["households_approved"] is None  # one approved household
    assert "households_approved" in national["suppressed"]
    csv_text = files["initiatives.csv"].decode("utf-8-sig")
    small_line = next(line for line in csv_text.splitlines() if world.small.public_code in line)
    assert small_line.endswith(",donors")


def test_zero_is_shown_and_one_to_four_are_not():
    rows = [suppress({"n": value}, "n") for value in (0, 1, 4, 5)]
    assert [r["n"] for r in rows] == [0, None, None, 5]


def test_a_lone_hidden_part_hides_the_next_smallest_too():
    rows = [
        {"scope": "national", "n": 20, "suppressed": []},
        {"scope": "governorate", "n": 2, "suppressed": []},
        {"scope": "governorate", "n": 7, "suppressed": []},
        {"scope": "governorate", "n": 11, "suppressed": []},
        {"scope": "governorate", "n": 0, "suppressed": []},
    ]
    for row in rows:
        suppress(row, "n")
    suppress_complement(rows, "n")
    assert [r["n"] for r in rows] == [20, None, None, 11, 0]
    assert rows[2]["suppressed"] == ["n"]
