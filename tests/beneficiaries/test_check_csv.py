"""``manage.py beneficiaries_check_csv`` (issue 21, item 5): clusters from a CSV, the nightly
run's detector and threshold, nothing written to the database."""

from __future__ import annotations

import csv

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from joud.beneficiaries.services.bulk_check import COLUMNS, parse_dob, resolve_wilayat

pytestmark = pytest.mark.django_db

ROWS = [
    # the same woman at two associations: a variant spelling, another date format, +968, English
    ["a1", "1", "", "عائشة", "سالم", "خميس", "الهنائية", "f", "1990-05-17", "91234567", "نزوى", "12345678"],
    ["b7", "2", "عيشة بنت سالم بن خميس الهنائي", "", "", "", "", "F", "17/05/1990", "+968 9123 4567", "Nizwa", ""],
    # her twin sister: another name, same everything else
    ["a2", "1", "", "مريم", "سالم", "خميس", "الهنائية", "f", "1990-05-17", "91234567", "Nizwa", "12345679"],
    # a namesake elsewhere, only a year known, a wilayat nobody can read
    ["c1", "3", "عائشة سالم خميس الهنائي", "", "", "", "", "", "1971", "", "Atlantis", ""],
]  # fmt: skip


def test_clusters_written_without_database_writes(tmp_path):
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    with open(src, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        writer.writerows(ROWS)
    with CaptureQueriesContext(connection) as queries:
        call_command("beneficiaries_check_csv", str(src), "--out", str(out))
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []
    with open(out, encoding="utf-8") as fh:
        clusters = {r["record_id"]: r["cluster_id"] for r in csv.DictReader(fh)}
    assert set(clusters) == {"a1", "b7", "a2", "c1"}
    assert clusters["a1"] == clusters["b7"]
    assert len({clusters["a1"], clusters["a2"], clusters["c1"]}) == 3


def test_dates_and_wilayats_as_typed():
    assert parse_dob("1990-05-17") == parse_dob("17/05/1990") == (1990, 5, 17)
    assert parse_dob("١٩٩٠") == (1990, None, None)
    assert parse_dob("soon") == (None, None, None)
    assert resolve_wilayat("Nizwa") == resolve_wilayat("نزوى") == ("نزوى", True)
    assert resolve_wilayat("As Seeb")[0] == resolve_wilayat("السيب")[0] == "السيب"
    assert resolve_wilayat("Atlantis") == ("", False)
