"""Lists checked in bulk (issue 21, item 5): CSV rows as the detector's records, and clusters.

A row has ``record_id,association,full_name_as_entered,given,father,grandfather,family,sex,dob,
phone,wilayat,civil_id``; any may be empty. Identifiers are hashed at once with a key made for
this run only (nothing is kept, nothing can be looked up later); the wilayat as typed (Arabic or
English) is resolved to one of the 63 in ``joud.geo.data``, and what could not be resolved is
reported. The same ``Detector``, threshold (``MatcherState``, read only) and grouping as the
nightly run (``duplicates_detect_all``); the database is read for the threshold and never written.
The API's import preview calls ``check_rows`` too.
"""

from __future__ import annotations

import csv
import hashlib
import re
import secrets
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from django.db import connections
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

from joud.beneficiaries.matching.detector import Detector, PersonRecord, Weights
from joud.beneficiaries.matching.evidence import civil_id_variants
from joud.beneficiaries.matching.normalize import (
    normalize_arabic,
    normalize_civil_id,
    normalize_phone,
)
from joud.beneficiaries.models import MatcherState
from joud.geo.data import GOVERNORATES

COLUMNS = (
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
)
_SEX = {"m": "m", "male": "m", "ذكر": "m", "f": "f", "female": "f", "انثي": "f", "انثى": "f"}
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DATE_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_LATIN_ARTICLE = re.compile(r"^(al|as|ar|ash|ad|adh|az|at|an|el)[ -]")


def _wilayat_key(text: str) -> str:
    text = normalize_arabic(text)
    if text.isascii():
        text = _LATIN_ARTICLE.sub("", text)
        return re.sub(r"[^a-z]", "", text).replace("ee", "i").replace("oo", "u")
    words = [w[2:] if w.startswith("ال") and len(w) > 3 else w for w in text.split()]
    return "".join(words)


def _wilayat_table() -> dict[str, str]:
    table = {}
    for _code, _gov_ar, _gov_en, wilayats in GOVERNORATES:
        for ar, en in wilayats:
            table[_wilayat_key(ar)] = ar
            table[_wilayat_key(en)] = ar
    # Common English spellings the table's own transliteration does not use.
    for alias, ar in {"sohar": "صحار", "seeb": "السيب", "barka": "بركاء", "nizwa": "نزوى"}.items():
        if ar in table.values():
            table[_wilayat_key(alias)] = ar
    return table


_WILAYATS = _wilayat_table()


@lru_cache(maxsize=4096)  # per process, safely: a pure function of the text and a fixed table
def resolve_wilayat(text: str) -> tuple[str, bool]:
    """(the wilayat's Arabic name, or "", and whether it was resolved)."""
    if not text or not text.strip():
        return "", True  # empty is not a failure to resolve
    key = _wilayat_key(text)
    if key in _WILAYATS:
        return _WILAYATS[key], True
    best = process.extractOne(key, list(_WILAYATS), scorer=JaroWinkler.similarity)
    if best and best[1] >= 0.9:
        return _WILAYATS[best[0]], True
    return "", False


@lru_cache(maxsize=65_536)  # per process, safely: a pure function of the text
def parse_dob(text: str) -> tuple[int | None, int | None, int | None]:
    text = (text or "").strip()
    if not text:
        return None, None, None
    if not text.isascii():  # Arabic-Indic digits
        text = "".join(str(int(c)) if c.isdigit() else c for c in text)
    if m := _DATE_ISO.match(text):
        y, mo, d = (int(x) for x in m.groups())
    elif m := _DATE_DMY.match(text):
        d, mo, y = (int(x) for x in m.groups())
    elif m := _YEAR.match(text):
        return int(m.group(1)), None, None
    else:
        return None, None, None
    if not 1900 <= y <= 2100:
        return None, None, None
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return y, None, None
    return y, mo, d


@dataclass
class BulkReport:
    records: int = 0
    clusters: int = 0  # groups of two or more
    records_in_clusters: int = 0
    candidate_pairs: int = 0
    unresolved_wilayats: Counter = field(default_factory=Counter)
    bad_dates: int = 0
    bad_phones: int = 0


class _Hasher:
    """Keyed with a secret made for this run: the same number hashes the same within it."""

    def __init__(self) -> None:
        self.key = secrets.token_bytes(32)

    def __call__(self, value: str, purpose: str) -> str:
        if not value:
            return ""
        h = hashlib.blake2b(f"{purpose}:{value}".encode(), key=self.key, digest_size=16)
        return h.hexdigest()


def rows_to_records(rows: Iterable[dict], report: BulkReport) -> tuple[list[PersonRecord], list]:
    """Records for the detector, and the row ids in order (a row's own id as written)."""
    hasher = _Hasher()
    records: list[PersonRecord] = []
    ids: list[str] = []
    for n, row in enumerate(rows, start=1):

        def get(k: str, row: dict = row) -> str:
            return (row.get(k) or "").strip()

        year, month, day = parse_dob(get("dob"))
        if get("dob") and year is None:
            report.bad_dates += 1
        phone = normalize_phone(get("phone"))
        if phone and not re.fullmatch(r"[279]\d{7}", phone):
            report.bad_phones += 1
            phone = ""
        wilayat, ok = resolve_wilayat(get("wilayat"))
        if not ok:
            report.unresolved_wilayats[get("wilayat")] += 1
        civil = normalize_civil_id(get("civil_id"))
        records.append(
            PersonRecord(
                id=n,
                organization=get("association"),
                full_name=get("full_name_as_entered"),
                given=get("given"),
                father=get("father"),
                grandfather=get("grandfather"),
                family=get("family"),
                sex=_SEX.get(normalize_arabic(get("sex")), ""),
                birth_year=year,
                birth_month=month,
                birth_day=day,
                phone_hash=hasher(phone, "phone"),
                civil_hash=hasher(civil, "civil"),
                civil_near=tuple(hasher(v, "near") for v in civil_id_variants(civil)),
                wilayat=wilayat,
            )
        )
        ids.append(get("record_id") or str(n))
    report.records = len(records)
    return records, ids


def check_rows(
    rows: Iterable[dict], *, threshold: float, workers: int = 1
) -> tuple[list[tuple[str, str]], BulkReport]:
    """``(record_id, cluster_id)`` for every row, clustered exactly as the nightly run groups.
    ``workers`` > 1 scores the pairs in that many forked processes (the same result)."""
    report = BulkReport()
    records, ids = rows_to_records(rows, report)
    detector = Detector(Weights(threshold=threshold)).fit(records)
    if workers > 1:
        connections.close_all()  # a forked worker must not share this process's connection
    result = detector.find(workers=workers)
    report.candidate_pairs = result.candidate_pairs
    cluster_of: dict[int, int] = {}
    for k, group in enumerate(sorted(result.groups, key=min), start=1):
        for rid in group:
            cluster_of[rid] = k
    report.clusters = len(result.groups)
    report.records_in_clusters = len(cluster_of)
    out = []
    next_single = len(result.groups)
    for rec, rid in zip(records, ids, strict=True):
        k = cluster_of.get(rec.id)
        if k is None:
            next_single += 1
            k = next_single
        out.append((rid, f"C{k:07d}"))
    return out, report


def nightly_threshold() -> float:
    """The threshold the nightly run uses (learnt from reviewers), without creating the row."""
    state = MatcherState.objects.order_by("id").first()
    return state.threshold if state else Weights().threshold


def read_csv(path: str) -> Iterable[dict]:
    with open(path, newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in ("record_id",) if c not in (reader.fieldnames or ())]
        if missing:
            raise ValueError(f"missing column(s): {', '.join(missing)}")
        yield from reader


def write_clusters(path: str, rows: list[tuple[str, str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["record_id", "cluster_id"])
        writer.writerows(rows)
