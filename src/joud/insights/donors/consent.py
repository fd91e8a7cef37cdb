"""May the organization contact this donor? The one place the suggestions ask.

Today the platform records no marketing consent of its own, so a donor may be contacted only
when they left a way to reach them, gave under their name (an anonymous gift is a wish not to
be singled out) and their account, if any, is active. When consent records exist (the privacy
work), this function is where they are honoured: every suggestion list reads ``contact_ok``.
"""

from __future__ import annotations


def contact_allowed(profile) -> bool:
    # An anonymous last gift leaves no name: a wish not to be singled out.
    return bool((profile.email or profile.phone) and profile.name)
