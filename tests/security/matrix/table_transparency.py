"""The access matrix's rows for the open data (joud.transparency): public, read only.

A file the daily run has not written yet answers 503 (the matrix's world never runs it): that is
the page's own answer, "come back later", for everyone alike.
"""

from __future__ import annotations

from tests.security.matrix.groups import EVERYONE, MINISTRY, NOBODY, Row

OPEN_DATA = {
    "transparency:index": Row(get=EVERYONE, post=NOBODY),
    "transparency:file": Row(
        get=EVERYONE,
        post=NOBODY,
        kwargs=lambda w: {"filename": "grants.json"},
        also_answers=(503,),
    ),
    # The ministry's ranking of organizations by performance score, and its CSV.
    "transparency:scorecards": Row(get=MINISTRY, post=NOBODY),
    "transparency:scorecards_csv": Row(get=MINISTRY, post=NOBODY),
}
