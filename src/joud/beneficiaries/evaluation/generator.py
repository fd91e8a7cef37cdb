"""Synthetic Omani beneficiaries with labelled duplicates across associations.

Households (a head, a spouse, children, sometimes a grandparent) live in a wilayat and share a
phone. Each household is registered with one association; some are registered again with one or
two others, and every re-registration is messy the way real forms are: the grandfather dropped,
the family name missing or typed into another field, a letter dropped from a name (1% of given
names, 2% of fathers' names, 4% of family names), one free-text name field, names in Latin
letters (with spellings the normaliser does not know), hamza/ta marbuta/alif maqsura variants,
diacritics and tatweel, a woman's family name in its feminine form, a birth date known only by
year or with day and month swapped, another phone, the civil ID left out.

Hard look-alikes are built in: twins named محمد/أحمد or حسن/حسين (same father, same birth date,
same phone), brothers with look-alike names, a son named after his grandfather (who may live in
the same household), and namesakes: another family in another wilayat whose members carry the
same name chain.

``generate(n_records, seed)`` returns ``(records, truth)``: ``truth[record.id]`` is the person.
``generate_hard`` (issue 21; what ``make evaluate`` reports) adds the entry errors of ``errors``
at realistic rates and says which record carries which kind.
"""

from __future__ import annotations

import random

from joud.beneficiaries.evaluation.households import Person, World
from joud.beneficiaries.evaluation.names import ASSOCIATIONS
from joud.beneficiaries.evaluation.registration import register
from joud.beneficiaries.matching.detector import PersonRecord


def generate(
    n_records: int, seed: int = 2026, *, duplicate_rate: float = 0.3, namesake_rate: float = 0.08
) -> tuple[list[PersonRecord], dict[int, int]]:
    """About ``n_records`` registrations and their ground truth (record id -> person id)."""
    records, truth, _hard = generate_labelled(
        n_records, seed, duplicate_rate=duplicate_rate, namesake_rate=namesake_rate
    )
    return records, truth


def generate_labelled(
    n_records: int, seed: int = 2026, *, duplicate_rate: float = 0.3, namesake_rate: float = 0.08
) -> tuple[list[PersonRecord], dict[int, int], dict[str, list[tuple[int, int]]]]:
    """``generate`` plus the hard look-alike pairs (kind -> pairs of person ids)."""
    records, truth, hard, _kinds = _generate(n_records, seed, duplicate_rate, namesake_rate, False)
    return records, truth, hard


def generate_hard(
    n_records: int, seed: int, *, duplicate_rate: float = 0.3, namesake_rate: float = 0.08
) -> tuple[list[PersonRecord], dict[int, int], dict, dict[int, set[str]]]:
    """``generate_labelled`` with clerks' entry errors; also record id -> the error kinds made."""
    return _generate(n_records, seed, duplicate_rate, namesake_rate, True)


def _generate(n_records, seed, duplicate_rate, namesake_rate, hard_errors):
    rng = random.Random(seed)
    kinds: dict[int, set[str]] = {}
    world = World(rng)
    records: list[PersonRecord] = []
    truth: dict[int, int] = {}
    households: list[list[Person]] = []
    while len(records) < n_records:
        if households and rng.random() < namesake_rate:
            members = world.household(template=rng.choice(households))
        else:
            members = world.household()
        households.append(members)
        orgs = rng.sample(range(1, ASSOCIATIONS + 1), 3)
        copies = 1
        if rng.random() < duplicate_rate:
            copies = 3 if rng.random() < 0.15 else 2
        for c in range(copies):
            case = len(records) + 1
            for p in members:
                if c > 0 and p is not members[0] and rng.random() < 0.15:
                    continue  # a member left off the second form
                rid = len(records) + 1
                made: set[str] = set()
                records.append(
                    register(
                        rng, p, rid, orgs[c], messy=c > 0, case=case, hard=hard_errors, kinds=made
                    )
                )
                truth[rid] = p.pid
                if made:
                    kinds[rid] = made
    return records, truth, world.hard, kinds
