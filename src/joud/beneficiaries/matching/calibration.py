"""Learning the duplicate threshold from reviewers' decisions."""

from __future__ import annotations

from collections.abc import Iterable


def calibrate_threshold(
    decisions: Iterable[tuple[float, bool]], *, default: float, spread: float = 4.0
) -> float:
    """Learn the threshold from reviewers' decisions: (score, was_duplicate) pairs.

    Picks the cut that makes the fewest mistakes on the reviewed pairs (a false alarm counts
    once, a missed duplicate once), moving at most ``spread`` away from the default so a few
    decisions cannot switch detection off.
    """
    decisions = list(decisions)
    if len(decisions) < 5:
        return default
    # Cut just above each reviewed score (and at the default), within the allowed band.
    candidates = sorted({round(s + 0.01, 2) for s, _ in decisions} | {default})
    best_t, best_err = default, None
    for t in candidates:
        if abs(t - default) > spread:
            continue
        err = sum(1 for s, dup in decisions if (s >= t) != dup)
        if (
            best_err is None
            or err < best_err
            or (err == best_err and abs(t - default) < abs(best_t - default))
        ):
            best_t, best_err = t, err
    return best_t
