"""``beneficiaries_check_csv --workers 2`` (issue 21): the pairs scored in two processes give
exactly the single-process output, on a sample from the harder generator."""

from __future__ import annotations

import csv

import pytest
from django.core.management import call_command

from joud.beneficiaries.evaluation.csv_sample import write_sample
from joud.beneficiaries.matching import detector as detector_module
from joud.beneficiaries.matching import parallel
from joud.beneficiaries.matching.detector import Detector, Weights
from joud.beneficiaries.services.bulk_check import BulkReport, check_rows, read_csv, rows_to_records

pytestmark = pytest.mark.skipif(not parallel.can_fork(), reason="needs fork")

CHUNK = 97  # small runs, so the two workers' shares interleave many times


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    path = tmp_path_factory.mktemp("bulk") / "sample.csv"
    write_sample(str(path), 3000, 11)
    return path


def test_two_workers_give_the_single_process_links_in_order(sample, monkeypatch):
    monkeypatch.setattr(parallel, "CHUNK", CHUNK)
    calls = []

    def spy(detector, workers):
        calls.append(workers)
        return parallel.score_in_workers(detector, workers)

    monkeypatch.setattr(detector_module, "score_in_workers", spy)
    records, _ids = rows_to_records(list(read_csv(str(sample))), BulkReport())
    serial = Detector(Weights()).fit(records).find()
    split = Detector(Weights()).fit(records).find(workers=2)
    assert calls == [2]  # the workers' path, not a silent serial fallback
    assert serial.candidate_pairs > 20 * CHUNK  # the walk really was dealt out in many runs
    assert len(serial.links) > 100
    assert [(x.a, x.b, x.score) for x in split.links] == [(x.a, x.b, x.score) for x in serial.links]
    assert split.groups == serial.groups
    assert split.candidate_pairs == serial.candidate_pairs


def test_check_rows_same_rows_same_order(sample, monkeypatch):
    monkeypatch.setattr(parallel, "CHUNK", CHUNK)
    rows = list(read_csv(str(sample)))
    one, report_one = check_rows(rows, threshold=9.0, workers=1)
    two, report_two = check_rows(rows, threshold=9.0, workers=2)
    assert one == two
    assert report_one.clusters == report_two.clusters > 50


@pytest.mark.django_db
def test_command_output_identical_with_one_and_two_workers(sample, tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "CHUNK", CHUNK)
    outputs = []
    for workers in ("1", "2"):
        out = tmp_path / f"clusters-{workers}.csv"
        call_command(
            "beneficiaries_check_csv", str(sample), "--out", str(out), "--workers", workers
        )
        with open(out, encoding="utf-8") as fh:
            outputs.append(list(csv.reader(fh)))
    assert outputs[0] == outputs[1]
    with open(sample, encoding="utf-8") as fh:
        assert len(outputs[0]) == len(fh.readlines())  # a header and a line for every record


def test_default_worker_count():
    assert 1 <= parallel.default_workers() <= 2
