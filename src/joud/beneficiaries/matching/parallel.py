"""Scoring the candidate pairs in worker processes (``Detector.find(workers=N)``), with exactly
the serial run's result: the same links in the same order, hence the same groups.

Every worker is forked from the fitted detector (nothing is pickled on the way in) and walks the
same candidate pairs in the same order; the pairs are dealt out in runs of ``chunk`` (run k to
worker k mod N), so the dear blocks are shared out too. Each worker returns its links with their
position in the walk, and merging by position gives the serial order back. Walking the pairs is
done by every worker (it is cheap beside scoring, and it needs no list of 2.7 million pairs
copied between processes).

Only where ``fork`` exists (Linux): elsewhere, and inside a daemonic process (a task worker's
child may not have children), the caller's serial path is used.
"""

from __future__ import annotations

import multiprocessing as mp
import os

from joud.beneficiaries.matching.records import Link

CHUNK = 20_000  # pairs dealt to one worker at a time

_shared = None  # the fitted detector, set just before forking and inherited by the workers


def default_workers() -> int:
    """min(2, the CPUs this process may use)."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(2, cpus))


def can_fork() -> bool:
    return "fork" in mp.get_all_start_methods() and not mp.current_process().daemon


def _share(task: tuple[int, int, int]) -> tuple[list[tuple[int, int, int, float]], int]:
    """Worker ``k`` of ``n``: score its runs of pairs; (position, id, id, score) per link."""
    k, n, chunk = task
    detector = _shared
    preps = detector.preps
    threshold = detector.w.threshold
    score = detector._score
    found = []
    p = -1
    for p, (i, j) in enumerate(detector.candidate_pairs()):
        if (p // chunk) % n != k:
            continue
        s = score(preps[i], preps[j], threshold)[0]
        if s >= threshold:
            found.append((p, preps[i].rec.id, preps[j].rec.id, s))
    return found, p + 1


def score_in_workers(detector, workers: int) -> tuple[list[Link], int]:
    """(the links in the serial walk's order, the number of pairs scored)."""
    global _shared
    chunk = CHUNK
    _shared = detector
    try:
        with mp.get_context("fork").Pool(workers) as pool:
            results = pool.map(_share, [(k, workers, chunk) for k in range(workers)])
    finally:
        _shared = None
    found = sorted((item for part, _n in results for item in part), key=lambda item: item[0])
    return [Link(a, b, s) for _p, a, b, s in found], results[0][1]
