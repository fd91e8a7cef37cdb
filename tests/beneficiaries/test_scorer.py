"""The evaluation scorer's arithmetic and a small end-to-end run of the harness."""

import pytest

from joud.beneficiaries.evaluation.__main__ import baseline_groups, hard_negatives_merged
from joud.beneficiaries.evaluation.generator import generate, generate_labelled
from joud.beneficiaries.evaluation.scorer import score_groups
from joud.beneficiaries.matching.detector import Detector


def test_pairwise_arithmetic():
    truth = {1: "a", 2: "a", 3: "a", 4: "b", 5: "b", 6: "c"}
    # true pairs: a -> 3, b -> 1  => 4
    s = score_groups([[1, 2, 4], [5, 6]], truth)
    # predicted pairs: 3 + 1 = 4; correct: (1,2) only
    assert (s.true_positives, s.predicted, s.actual) == (1, 4, 4)
    assert s.precision == pytest.approx(0.25)
    assert s.recall == pytest.approx(0.25)
    assert s.f1 == pytest.approx(0.25)


def test_a_chained_group_is_charged_for_every_wrong_pair():
    truth = {i: i // 2 for i in range(10)}  # five true pairs
    chained = score_groups([list(range(10))], truth)
    separate = score_groups([[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]], truth)
    assert chained.recall == separate.recall == 1.0
    assert chained.precision == pytest.approx(5 / 45)
    assert separate.precision == 1.0


def test_empty_prediction():
    s = score_groups([], {1: 1, 2: 1})
    assert s.precision == 1.0 and s.recall == 0.0 and s.f1 == 0.0


def test_harness_beats_the_baseline_on_a_small_set():
    records, truth = generate(3000, seed=7)
    assert len({r.organization for r in records}) > 5
    ours = score_groups(Detector().fit(records).find().groups, truth)
    base = score_groups(baseline_groups(records), truth)
    assert ours.precision >= 0.97 and ours.recall >= 0.93
    assert ours.f1 > base.f1 + 0.3


def test_hard_lookalikes_stay_apart_on_the_synthetic_set():
    records, truth, hard = generate_labelled(4000, seed=11)
    merged = hard_negatives_merged(Detector().fit(records).find().groups, truth, hard)
    assert merged["twins"][1] > 10 and merged["siblings"][1] > 100
    assert merged["twins"][0] == 0
    assert merged["siblings"][0] == 0
    assert merged["grandfather_grandson"][0] == 0
    assert merged["namesakes"][0] <= 0.05 * merged["namesakes"][1]


def test_hard_negative_counting():
    truth = {1: 10, 2: 11, 3: 12, 4: 10}
    hard = {"twins": [(10, 11), (10, 12)], "siblings": [(11, 99)]}
    merged = hard_negatives_merged([[1, 2], [3]], truth, hard)
    assert merged == {"twins": (1, 2), "siblings": (0, 0)}


def test_the_harder_generator_labels_its_entry_errors():
    from joud.beneficiaries.evaluation.__main__ import recall_by_kind
    from joud.beneficiaries.evaluation.errors import KINDS
    from joud.beneficiaries.evaluation.generator import generate_hard
    from joud.beneficiaries.matching.detector import Detector

    records, truth, _hard, kinds = generate_hard(6000, seed=11)
    made = set().union(*kinds.values())
    assert made <= set(KINDS) and len(made) >= 8
    first = {r.id for r in records if r.id not in kinds}
    assert len(first) > len(kinds)  # most forms carry no entry error
    result = Detector().fit(records).find()
    by_kind = recall_by_kind(result.groups, truth, kinds)
    assert by_kind and all(total for _found, total in by_kind.values())
    assert score_groups(result.groups, truth).precision >= 0.99
