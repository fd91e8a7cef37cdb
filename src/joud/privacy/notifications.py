"""Messages about personal data: a breach, to the authority and to the people it affects."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from joud.core.notify import EMAIL, event

BREACH_AUTHORITY = event(
    "privacy.breach_authority",
    subject=gettext_noop("Personal data breach notification: %(title)s"),
    body=gettext_noop(
        "Controller: %(controller)s\nWhat happened: %(title)s\n%(description)s\n"
        "Discovered: %(discovered)s\nData affected: %(data)s\nPeople affected: %(people)s\n"
        "Measures taken: %(measures)s\nContact: %(contact)s"
    ),
    channels=(EMAIL,),
)
BREACH_PEOPLE = event(
    "privacy.breach_people",
    subject=gettext_noop("Joud: your personal data may have been exposed"),
    body=gettext_noop(
        "%(controller)s: %(title)s. Data affected: %(data)s. What we did: %(measures)s. "
        "Questions: %(contact)s"
    ),
)
