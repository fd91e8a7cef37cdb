"""``python -m joud.beneficiaries.evaluation.csv_sample OUT.csv [N] [SEED]``: the harder
generator's registrations as the CSV ``beneficiaries_check_csv`` reads, with a truth file beside
it (``OUT.truth.csv``: record_id,person), to time the command and score what it writes.

The generator hashes identifiers; here each hash is turned back into digits (the same hash, the
same number), in the forms clerks type: +968 prefixes, DD/MM/YYYY dates, a year alone, wilayats
in English.
"""

from __future__ import annotations

import csv
import os
import random
import sys

from joud.beneficiaries.evaluation.generator import generate_hard

COLUMNS = [
    "record_id",
    "association",
    "full_name_as_entered",
    "given",
    "father",
    "grandfather",
    "family",
    "sex",
    "dob",
    "phone",
    "wilayat",
    "civil_id",
]


def _english_names() -> dict[str, str]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "joud.settings.base")
    import django

    django.setup()
    from joud.geo.data import GOVERNORATES

    return {ar: en for _c, _a, _e, wilayats in GOVERNORATES for ar, en in wilayats}


def _digits(h: str, n: int) -> str:
    return str(int(h, 16))[:n] if h else ""


def write_sample(path: str, n: int = 100_000, seed: int = 2027) -> None:
    records, truth, _hard, _kinds = generate_hard(n, seed)
    english = _english_names()
    rng = random.Random(seed)
    with (
        open(path, "w", newline="", encoding="utf-8") as fh,
        open(path.removesuffix(".csv") + ".truth.csv", "w", newline="", encoding="utf-8") as tf,
    ):
        out, t = csv.writer(fh), csv.writer(tf)
        out.writerow(COLUMNS)
        t.writerow(["record_id", "person"])
        for r in records:
            if r.birth_year and r.birth_month and r.birth_day:
                if rng.random() < 0.5:
                    dob = f"{r.birth_year}-{r.birth_month:02d}-{r.birth_day:02d}"
                else:
                    dob = f"{r.birth_day:02d}/{r.birth_month:02d}/{r.birth_year}"
            else:
                dob = str(r.birth_year or "")
            phone = "9" + _digits(r.phone_hash, 7) if r.phone_hash else ""
            if phone and rng.random() < 0.3:
                phone = "+968 " + phone[:4] + " " + phone[4:]
            wilayat = str(r.wilayat)
            if rng.random() < 0.2:
                wilayat = english.get(wilayat, wilayat)
            sex = r.sex
            out.writerow(
                [
                    f"R{r.id}",
                    r.organization,
                    r.full_name,
                    r.given,
                    r.father,
                    r.grandfather,
                    r.family,
                    sex,
                    dob,
                    phone,
                    wilayat,
                    _digits(r.civil_hash, 8),
                ]
            )
            t.writerow([f"R{r.id}", truth[r.id]])


if __name__ == "__main__":
    args = sys.argv[1:]
    write_sample(args[0], *(int(a) for a in args[1:3]))
