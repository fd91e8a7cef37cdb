"""May the organization contact this donor? The one place the suggestions ask.

The lists an association acts on (who to thank, who gave every Ramadan and has not yet this
year, who to invite to a giving plan) are outreach: they rest on the donor's consent to updates
(the privacy app's ``updates`` purpose), recorded with its proof and not withdrawn, by their
account, phone or email. Besides that, a donor is listed only when they left a way to reach
them and gave under their name (an anonymous gift is a wish not to be singled out). A
withdrawal takes the donor off every list at the next refresh of the rollups.
"""

from __future__ import annotations

from joud.privacy.models import Purpose
from joud.privacy.selectors import consenting


def mark_contactable(profiles) -> None:
    """Set ``contact_ok`` on each of ``profiles`` (donor profile rows, not yet saved)."""
    users, phones, emails = consenting(
        Purpose.UPDATES,
        user_ids={p.donor_id for p in profiles},
        phones={p.phone for p in profiles},
        emails={p.email for p in profiles},
    )
    for p in profiles:
        agreed = (
            (p.donor_id and p.donor_id in users)
            or (p.phone and p.phone in phones)
            or (p.email and p.email.lower() in emails)
        )
        # An anonymous last gift leaves no name: a wish not to be singled out.
        p.contact_ok = bool((p.email or p.phone) and p.name and agreed)
