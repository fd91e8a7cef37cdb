"""The recommendation part of ``make evaluate``: recall@10 on a held-back last gift, against
suggesting the most given-to initiatives (popularity).

Generated donors: each has a home governorate and one to three favourite categories, and gives
2 to 12 times; each gift picks an initiative by its appeal (log-normal: a long tail, though not one where a handful take nearly every gift), four times more
readily in a favourite category and three times in the home governorate; a third of donors
also follow a "circle" (initiatives shared by people who know each other). The last gift of
each donor is held back; the model learns from all the other gifts.
"""

from __future__ import annotations

import random
import time
from itertools import accumulate

from joud.insights.recommend.model import Item, popularity, recommend, similar_items

SEED = 2026
DONORS = 20_000
INITIATIVES = 600
CATEGORIES = 10
GOVERNORATES = 11
CIRCLES = 300
K = 10


def generate(seed: int = SEED):
    rng = random.Random(seed)
    items = {
        i: Item(i, f"c{rng.randrange(CATEGORIES)}", rng.randrange(GOVERNORATES))
        for i in range(INITIATIVES)
    }
    appeal = {i: rng.lognormvariate(0.0, 1.0) for i in items}
    circles = [rng.sample(range(INITIATIVES), 6) for _c in range(CIRCLES)]
    histories = []
    for _donor in range(DONORS):
        home = rng.randrange(GOVERNORATES)
        likes = {f"c{c}" for c in rng.sample(range(CATEGORIES), rng.randint(1, 3))}
        circle = rng.choice(circles) if rng.random() < 0.33 else []
        weights = [
            appeal[i]
            * (4.0 if items[i].category in likes else 1.0)
            * (3.0 if items[i].governorate == home else 1.0)
            * (25.0 if i in circle else 1.0)
            for i in range(INITIATIVES)
        ]
        cumulative = list(accumulate(weights))
        n = rng.randint(2, 12)
        gifts: list[int] = []
        while len(gifts) < n:
            pick = rng.choices(range(INITIATIVES), cum_weights=cumulative)[0]
            if pick not in gifts:
                gifts.append(pick)
        histories.append(gifts)
    return items, histories


def evaluate(out=print) -> bool:
    started = time.perf_counter()
    items, histories = generate()
    train = [(str(d), i) for d, gifts in enumerate(histories) for i in gifts[:-1]]
    neighbours = similar_items(train)
    popular = popularity(train)
    hits_model = hits_plain = hits_popular = 0
    for gifts in histories:
        given, held = gifts[:-1], gifts[-1]
        hits_model += held in recommend(given, neighbours, items, popular, K)
        hits_plain += held in recommend(given, neighbours, items, popular, K, diverse=False)
        baseline = [i for i in popular if i not in set(given)][:K]
        hits_popular += held in baseline
    model, base = hits_model / len(histories), hits_popular / len(histories)
    plain = hits_plain / len(histories)
    passed = model > base
    out("== Recommendations: recall@10 on each donor's held-back last gift ==")
    out(
        f"   {len(histories):,} donors, {len(items)} initiatives, {len(train):,} gifts to learn from"
    )
    out(
        f"   model (item-to-item, diversified, as shipped) {model:.1%}   "
        f"(without diversifying {plain:.1%})   popularity {base:.1%}   "
        f"target beats popularity: {'MET' if passed else 'NOT MET'} "
        f"({time.perf_counter() - started:.0f} s)"
    )
    return passed
