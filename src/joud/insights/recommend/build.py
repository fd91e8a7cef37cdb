"""The nightly rewrite of ``SimilarInitiative`` from the confirmed gifts of the last two years."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from joud.core.tenancy import scopes_disabled
from joud.donations.models import Donation
from joud.insights.models import SimilarInitiative
from joud.insights.recommend.model import similar_items
from joud.insights.rollups.keys import CONFIRMED_STATES, donor_key

HISTORY = dt.timedelta(days=730)
KEEP = 20  # neighbours stored per initiative


def gifts_to_initiatives(since: dt.datetime):
    with scopes_disabled():
        rows = (
            Donation.objects.filter(
                state__in=CONFIRMED_STATES, confirmed_at__gte=since, initiative__isnull=False
            )
            .values_list("donor_id", "donor_email", "donor_phone", "initiative_id")
            .iterator(chunk_size=20_000)
        )
        for donor_id, email, phone, initiative_id in rows:
            key = donor_key(donor_id, email, phone)
            if key:
                yield key, initiative_id


def similar_rebuild() -> int:
    neighbours = similar_items(gifts_to_initiatives(timezone.now() - HISTORY), top=KEEP)
    rows = [
        SimilarInitiative(initiative_id=item, other_id=other, score=score)
        for item, others in neighbours.items()
        for other, score in others
    ]
    with transaction.atomic():
        SimilarInitiative.objects.all().delete()
        SimilarInitiative.objects.bulk_create(rows, batch_size=5000)
    return len(rows)
