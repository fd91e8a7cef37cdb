"""The card-testing part of ``make evaluate``: six hours of a busy Ramadan night's checkouts
with injected bursts, fed to ``anomalies.bursts.Detector`` in time order.

Ordinary donors: mostly one attempt, sometimes a retry after a decline (8% of attempts
decline), amounts as people give; a fifth of them behind a few shared mobile-carrier addresses
(busy addresses that must not be flagged), and one in fifty gives a small gift to each of
several causes in a few minutes (a pattern close to testing that must not be flagged either). Bursts: one tester, 8 to 80 attempts in 2 to 10
minutes, amounts under one rial, most declined; some rotate the address and keep the device,
some the reverse, some spread over many initiatives. Scored per source: a flag on a source a
burst used is a true alarm; the false-alarm rate is the share of ordinary sources flagged.
"""

from __future__ import annotations

import random
from decimal import Decimal

from joud.insights.anomalies.bursts import Attempt, Detector

SEED = 2026
HOURS = 6
DONORS = 40_000
SHARED_ADDRESSES = 40
BURSTS = 60
INITIATIVES = 300
AMOUNTS = ["1", "2", "3", "5", "5", "10", "10", "20", "25", "50", "100", "0.500", "7.250"]
TARGET_FALSE_ALARMS = 0.01
TARGET_SECONDS = 60


def generate(seed: int = SEED):
    rng = random.Random(seed)
    span = HOURS * 3600
    attempts: list[Attempt] = []
    for donor in range(DONORS):
        ip = f"ip:nat{rng.randrange(SHARED_ADDRESSES)}" if rng.random() < 0.2 else f"ip:d{donor}"
        device = f"device:d{donor}"
        initiative = f"initiative:{min(int(rng.paretovariate(1.2)), INITIATIVES)}"
        at = rng.uniform(0, span)
        amount = Decimal(rng.choice(AMOUNTS))
        for _try in range(4):
            declined = rng.random() < 0.08
            attempts.append(Attempt(at, (ip, device, initiative), amount, declined))
            if not declined or rng.random() < 0.5:
                break
            at += rng.uniform(20, 120)
    for donor in range(DONORS // 50):  # generous donors: a small gift to each of several causes
        ip, device = f"ip:g{donor}", f"device:g{donor}"
        at = rng.uniform(0, span)
        for _gift in range(rng.randint(3, 8)):
            amount = Decimal(rng.choice(["0.500", "1.000", "1.000", "2.000"]))
            initiative = f"initiative:{rng.randint(1, INITIATIVES)}"
            attempts.append(Attempt(at, (ip, device, initiative), amount, rng.random() < 0.08))
            at += rng.uniform(30, 180)
    bursts: dict[int, tuple[float, set[str]]] = {}
    for b in range(BURSTS):
        start = rng.uniform(0, span - 900)
        n = rng.randint(8, 80)
        length = rng.uniform(120, 600)
        style = rng.choice(["same", "rotate_ip", "rotate_device"])
        target = f"initiative:{rng.randint(1, INITIATIVES)}"
        spread = rng.random() < 0.3
        used: set[str] = set()
        for k in range(n):
            ip = f"ip:bad{b}" if style != "rotate_ip" else f"ip:bad{b}-{k}"
            device = f"device:bad{b}" if style != "rotate_device" else f"device:bad{b}-{k}"
            initiative = f"initiative:{rng.randint(1, INITIATIVES)}" if spread else target
            amount = Decimal(rng.choice(["0.100", "0.200", "0.500", "1.000", "0.300"]))
            at = start + length * k / n
            attempts.append(Attempt(at, (ip, device, initiative), amount, rng.random() < 0.7))
            used.update({ip, device})
        bursts[b] = (start, used)
    attempts.sort(key=lambda a: a.at)
    return attempts, bursts


def evaluate(out=print) -> bool:
    attempts, bursts = generate()
    detector = Detector()
    for attempt in attempts:
        detector.feed(attempt)
    bad_sources = set().union(*(used for _s, used in bursts.values()))
    flagged = {s: f for s, f in detector.flagged.items() if not s.startswith("initiative:")}
    true = [s for s in flagged if s in bad_sources]
    false = [s for s in flagged if s not in bad_sources]
    ordinary = {s for a in attempts for s in a.sources[:2]} - bad_sources
    caught, delays = 0, []
    for start, used in bursts.values():
        times = [flagged[s].at for s in used if s in flagged]
        if times:
            caught += 1
            delays.append(min(times) - start)
    initiatives = [s for s in detector.flagged if s.startswith("initiative:")]
    precision = len(true) / len(flagged) if flagged else 0.0
    false_rate = len(false) / len(ordinary)
    delays.sort()
    p95 = delays[int(0.95 * (len(delays) - 1))] if delays else float("inf")
    median = delays[len(delays) // 2] if delays else float("inf")
    passed = false_rate <= TARGET_FALSE_ALARMS and median < TARGET_SECONDS
    out("== Anomalies: card-testing bursts ==")
    out(
        f"   {len(attempts):,} attempts in {HOURS} h, {len(ordinary):,} ordinary sources "
        f"(addresses and devices, {SHARED_ADDRESSES} shared addresses), {BURSTS} injected bursts"
    )
    out(
        f"   bursts caught {caught}/{BURSTS} ({caught / BURSTS:.0%}); sources flagged "
        f"{len(flagged)}, of them bursts' {len(true)}: precision {precision:.1%}; "
        f"false alarms {len(false)} of {len(ordinary):,} ordinary sources ({false_rate:.3%})"
    )
    out(
        f"   time to flag from a burst's first attempt: median {median:.0f} s, "
        f"95th percentile {p95:.0f} s (the slowest bursts space their attempts over minutes); "
        f"the flag is raised on the attempt that completes the pattern; "
        f"initiatives flagged {len(initiatives)}"
    )
    out(
        f"   target <= {TARGET_FALSE_ALARMS:.0%} false alarms and median flag < {TARGET_SECONDS} s: "
        f"{'MET' if passed else 'NOT MET'}"
    )
    return passed
