"""The nightly anomaly rules on initiatives and disbursements. Each raises to the review queue
(``services.anomaly_raise``, once while open) with the figures its reason is worded from.

- ``unusual_money``: an initiative that raised far more than its peers (same category, goal of
  the same order of magnitude): above the peers' median by more than ``PEER_SPREADS`` robust
  spreads on a log scale, and at least ``PEER_TIMES`` times the median; needs ``MIN_PEERS``.
- ``copied_story``: an initiative whose story shares ``COPIED_SHARE`` of its five-word runs
  with an earlier initiative of another organization.
- ``under_threshold``: an organization with ``ROUND_COUNT`` or more round payments (multiples
  of 50 rials) in the last 90 days just under the ministry's approval threshold (the top tenth
  below it): the pattern of splitting to avoid the ministry's review.
- ``new_payee``: a bank account first paid in the last 60 days that was paid by
  ``PAYEE_ORGS`` or more organizations.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import statistics
from collections import defaultdict

from django.db.models import Count, Min, Sum
from django.utils import timezone

from joud.campaigns.models import Initiative
from joud.core.tenancy import scopes_disabled
from joud.disbursements.models import Disbursement
from joud.disbursements.services.decisions import ministry_threshold
from joud.insights.anomalies.services import anomaly_raise
from joud.insights.models import DailyRollup

MIN_PEERS = 5
PEER_SPREADS = 4.0
PEER_TIMES = 3.0
COPIED_SHARE = 0.6
MIN_STORY_WORDS = 40
ROUND = 50
ROUND_COUNT = 2
PAYEE_ORGS = 3
PAID_STATES = (Disbursement.State.POSTED, Disbursement.State.PAID, Disbursement.State.MINISTRY)


def _size(goal) -> str:
    return "open" if not goal else str(int(math.log10(max(float(goal), 1))))


def unusual_money() -> int:
    raised = dict(
        DailyRollup.unscoped.filter(initiative__isnull=False)
        .values("initiative_id")
        .annotate(t=Sum("amount"))
        .values_list("initiative_id", "t")
    )
    groups = defaultdict(list)
    initiatives = Initiative.objects.filter(pk__in=raised).only(
        "pk", "category", "goal", "organization_id"
    )
    for i in initiatives:
        groups[(i.category, _size(i.goal))].append(i)
    count = 0
    for (category, _s), members in groups.items():
        if len(members) <= MIN_PEERS:
            continue
        for i in members:
            peers = [math.log1p(float(raised[p.pk])) for p in members if p.pk != i.pk]
            median = statistics.median(peers)
            spread = 1.4826 * statistics.median(abs(v - median) for v in peers) or 0.1
            mine = math.log1p(float(raised[i.pk]))
            typical = math.expm1(median)
            if (
                mine > median + PEER_SPREADS * spread
                and float(raised[i.pk]) >= PEER_TIMES * typical
            ):
                count += bool(
                    anomaly_raise(
                        kind="unusual_initiative",
                        subject=f"initiative:{i.pk}",
                        reason="unusual_money",
                        details={
                            "raised": str(raised[i.pk]), "typical": f"{typical:.3f}",
                            "peers": len(peers), "category": category,
                        },
                        organization_id=i.organization_id,
                        initiative_id=i.pk,
                    )
                )  # fmt: skip
    return count


WORD = re.compile(r"\w+", re.UNICODE)


def _shingles(text: str) -> set[int]:
    words = [w.lower() for w in WORD.findall(text or "")]
    return {hash(tuple(words[n : n + 5])) for n in range(len(words) - 4)}


def copied_stories(since: dt.datetime | None = None) -> int:
    since = since or timezone.now() - dt.timedelta(days=730)
    stories = list(
        Initiative.objects.filter(created_at__gte=since)
        .order_by("created_at", "pk")
        .values_list("pk", "organization_id", "story_ar", "story_en")
    )
    index: dict[int, list[int]] = defaultdict(list)
    owner, sizes = {}, {}
    count = 0
    for pk, org, story_ar, story_en in stories:
        shingles = _shingles(f"{story_ar}\n{story_en}")
        if len(shingles) + 4 < MIN_STORY_WORDS:
            continue
        shared: dict[int, int] = defaultdict(int)
        for s in shingles:
            for earlier in index[s]:
                if owner[earlier] != org:
                    shared[earlier] += 1
            index[s].append(pk)
        owner[pk], sizes[pk] = org, len(shingles)
        best = max(shared.items(), key=lambda kv: kv[1], default=None)
        if best and best[1] >= COPIED_SHARE * len(shingles):
            count += bool(
                anomaly_raise(
                    kind="unusual_initiative",
                    subject=f"story:{pk}",
                    reason="copied_story",
                    details={"share": round(best[1] / len(shingles), 2), "source": best[0]},
                    organization_id=org,
                    initiative_id=pk,
                )
            )
    return count


def under_threshold(today: dt.date) -> int:
    limit = ministry_threshold()
    low = limit * 9 / 10
    rows = list(
        Disbursement.unscoped.filter(
            created_at__date__gte=today - dt.timedelta(days=90),
            amount__gte=low,
            amount__lte=limit,
        ).values_list("organization_id", "amount")
    )
    by_org: dict[int, int] = defaultdict(int)
    for org, amount in rows:
        if amount % ROUND == 0:
            by_org[org] += 1
    count = 0
    for org, n in by_org.items():
        if n >= ROUND_COUNT:
            count += bool(
                anomaly_raise(
                    kind="unusual_disbursement",
                    subject=f"threshold:{org}",
                    reason="under_threshold",
                    details={"payments": n, "threshold": str(limit)},
                    organization_id=org,
                )
            )
    return count


def new_payees(today: dt.date) -> int:
    rows = (
        Disbursement.unscoped.filter(state__in=PAID_STATES)
        .exclude(bank_account="")
        .values("bank_account")
        .annotate(first=Min("created_at"), orgs=Count("organization", distinct=True))
        .filter(orgs__gte=PAYEE_ORGS, first__date__gte=today - dt.timedelta(days=60))
    )
    count = 0
    for row in rows:
        account = row["bank_account"].replace(" ", "")
        count += bool(
            anomaly_raise(
                kind="unusual_disbursement",
                subject=f"payee:{account}",
                reason="new_payee",
                details={"organizations": row["orgs"], "account_end": account[-4:]},
            )
        )
    return count


def rules_run(*, today: dt.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    with scopes_disabled():
        return {
            "unusual_money": unusual_money(),
            "copied_story": copied_stories(),
            "under_threshold": under_threshold(today),
            "new_payee": new_payees(today),
        }
