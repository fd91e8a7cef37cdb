"""Item-to-item collaborative filtering (after Amazon's "customers who gave to this also gave
to"): two initiatives are similar when the same donors gave to both (cosine of their donor
sets, a scipy sparse product). A donor's candidates are the neighbours of what they gave,
scored by summed similarity, with a small pull towards the categories and places they give to;
then diversified (each further pick of an already shown category or governorate counts for
less) and filled, if short, with the most given-to initiatives.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from scipy import sparse

NEIGHBOURS = 60
SAME_CATEGORY = 0.9  # weight of each further pick of a category already in the list
SAME_PLACE = 0.95
PROFILE_PULL = 0.15
# Similarity: together / (n_item^0.5 × n_other^OTHER_POWER). 0.5 is the cosine; lower keeps
# more of the other initiative's appeal (a held-back gift goes to a popular one more often).
OTHER_POWER = 0.15


@dataclass(frozen=True)
class Item:
    id: int
    category: str
    governorate: int | None


def similar_items(gifts: Iterable[tuple[str, int]], top: int = NEIGHBOURS):
    """{item: [(other, score), …]} from (donor, item) pairs, the ``top`` best per item."""
    donors: dict[str, int] = {}
    items: dict[int, int] = {}
    rows, cols = [], []
    for donor, item in set(gifts):
        rows.append(donors.setdefault(donor, len(donors)))
        cols.append(items.setdefault(item, len(items)))
    if not rows:
        return {}
    m = sparse.csr_matrix(
        (np.ones(len(rows)), (rows, cols)), shape=(len(donors), len(items)), dtype=np.float32
    )
    co = (m.T @ m).tocsr()
    counts = np.asarray(m.sum(axis=0)).ravel()
    ids = np.array(list(items))
    out: dict[int, list[tuple[int, float]]] = {}
    for col in range(len(items)):
        start, end = co.indptr[col], co.indptr[col + 1]
        others, together = co.indices[start:end], co.data[start:end]
        keep = others != col
        others, together = others[keep], together[keep]
        if not len(others):
            continue
        scores = together / (np.sqrt(counts[col]) * counts[others] ** OTHER_POWER)
        best = np.argsort(-scores)[:top]
        out[int(ids[col])] = [(int(ids[others[b]]), float(scores[b])) for b in best]
    return out


def popularity(gifts: Iterable[tuple[str, int]]) -> list[int]:
    """Items by number of distinct donors, most first."""
    return [item for item, _n in Counter(item for _d, item in set(gifts)).most_common()]


def recommend(
    given: list[int],
    neighbours: dict[int, list[tuple[int, float]]],
    items: dict[int, Item],
    popular: list[int],
    k: int = 10,
    *,
    diverse: bool = True,
) -> list[int]:
    """Up to ``k`` items for a donor who gave to ``given``, among ``items`` (the live ones)."""
    seen = set(given)
    scores: dict[int, float] = defaultdict(float)
    for item in given:
        for other, score in neighbours.get(item, ()):
            if other in items and other not in seen:
                scores[other] += score
    mine = [items[i] for i in given if i in items]
    if mine:
        categories = Counter(i.category for i in mine)
        places = Counter(i.governorate for i in mine)
        top = max(scores.values(), default=1.0)
        for rank, other in enumerate(p for p in popular[:200] if p in items and p not in seen):
            item = items[other]
            pull = (categories[item.category] + places[item.governorate]) / (2 * len(mine))
            if pull:
                scores[other] += PROFILE_PULL * top * pull / (1 + rank / 50)
    return diversify(scores, items, popular, seen, k, diverse=diverse)


def diversify(scores, items, popular, seen, k, *, diverse: bool = True) -> list[int]:
    chosen: list[int] = []
    shown_categories: Counter = Counter()
    shown_places: Counter = Counter()
    pool = dict(scores)
    while pool and len(chosen) < k:
        best = max(
            pool,
            key=lambda i: (
                pool[i]
                * (SAME_CATEGORY ** shown_categories[items[i].category] if diverse else 1)
                * (SAME_PLACE ** shown_places[items[i].governorate] if diverse else 1)
            ),
        )
        del pool[best]
        chosen.append(best)
        shown_categories[items[best].category] += 1
        shown_places[items[best].governorate] += 1
    for item in popular:
        if len(chosen) >= k:
            break
        if item in items and item not in seen and item not in chosen:
            chosen.append(item)
    return chosen
