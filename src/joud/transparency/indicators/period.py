"""Days as the indicators count them (local days, ``(after, through]``), as a range on a
timestamp that an index can use: ``created_at__date__gt=…`` is computed row by row and cannot."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def days(field: str, *, after: dt.date | None = None, through: dt.date) -> dict:
    """Filter arguments for ``field`` falling on a local day in ``(after, through]``."""
    bounds = {f"{field}__lt": local_midnight(through + dt.timedelta(days=1))}
    if after is not None:
        bounds[f"{field}__gte"] = local_midnight(after + dt.timedelta(days=1))
    return bounds
