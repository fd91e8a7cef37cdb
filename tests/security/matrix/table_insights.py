"""The access matrix's rows for the insights pages (joud.insights): read only (GET; a POST is
405). The organization's pages take no organization argument: each member sees their own
organization's figures (tests/insights/test_pages.py proves the figures are their own)."""

from __future__ import annotations

from tests.security.matrix.groups import (
    ANY_FINANCE,
    ANY_STAFF,
    EVERYONE,
    MINISTRY,
    NOBODY,
    SIGNED_IN,
    Row,
)

INSIGHTS = {
    # The national dashboard and the priorities map: the ministry only.
    "insights:ministry": Row(get=MINISTRY, post=NOBODY),
    "insights:priorities": Row(get=MINISTRY, post=NOBODY),
    # The anomaly queue: the ministry reads it, and confirms or dismisses one by POST.
    "insights:anomalies": Row(get=MINISTRY, post=NOBODY),
    "insights:anomaly_decide": Row(
        get=NOBODY, post=MINISTRY, kwargs=lambda w: {"pk": w.anomaly.pk}
    ),
    # Initiatives suggested to the signed-in person.
    "insights:for_you": Row(get=SIGNED_IN, post=NOBODY),
    # The thank-you page's suggestions (public initiatives only; anyone who just gave).
    "insights:suggested": Row(get=EVERYONE, post=NOBODY),
    # An organization's dashboard (aggregates): any of its staff.
    "insights:organization": Row(get=ANY_STAFF, post=NOBODY),
    # Its donors (names and contacts to act on): administrators and finance officers.
    "insights:donors": Row(get=ANY_FINANCE, post=NOBODY),
}
