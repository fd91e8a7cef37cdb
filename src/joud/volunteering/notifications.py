"""Every message volunteering sends, declared once (``joud.core.notify``).

Shift names and dates go into the context as lazy text (``in_reader_language``), so they are
written in the reader's language and date format, not the sender's.
"""

from __future__ import annotations

from django.utils.functional import lazy
from django.utils.translation import gettext_noop

from joud.core.notify import EMAIL, SMS, event
from joud.volunteering.text import shift_label

PLACE_OPENED = event(
    "volunteering.place_opened",
    subject=gettext_noop("A place opened for you"),
    body=gettext_noop(
        "Good news: a place opened and you are now accepted for %(shift)s. "
        "If you cannot come, please cancel so the next person can take it."
    ),
)

# To the guardian's mobile only, always in Arabic (the guardian has no account to say otherwise).
CONSENT_REQUESTED = event(
    "volunteering.consent_requested",
    subject=gettext_noop("A volunteer asks your consent"),
    body=gettext_noop(
        "%(volunteer)s asks your consent to volunteer with %(org)s for %(shift)s. "
        "Open this link to agree or refuse: %(link)s"
    ),
    channels=(SMS,),
)

GUARDIAN_AGREED_ACCEPTED = event(
    "volunteering.guardian_agreed_accepted",
    subject=gettext_noop("Your guardian answered"),
    body=gettext_noop("Your guardian agreed. You are accepted for %(shift)s."),
)
GUARDIAN_AGREED_WAITLISTED = event(
    "volunteering.guardian_agreed_waitlisted",
    subject=gettext_noop("Your guardian answered"),
    body=gettext_noop("Your guardian agreed. You are on the waiting list for %(shift)s."),
)
GUARDIAN_REFUSED = event(
    "volunteering.guardian_refused",
    subject=gettext_noop("Your guardian answered"),
    body=gettext_noop("Your guardian did not agree to %(shift)s."),
)

DISPUTE_ANSWERED = event(
    "volunteering.dispute_answered",
    subject=gettext_noop("Your hours dispute was answered"),
    body=gettext_noop(
        "Your hours for %(shift)s are now %(hours)s. The coordinator wrote: %(note)s"
    ),
)

SHIFT_REMINDER = event(
    "volunteering.shift_reminder",
    subject=gettext_noop("Reminder: you volunteer tomorrow"),
    body=gettext_noop(
        "Reminder: tomorrow you volunteer for %(shift)s at %(place)s. "
        "Scan the site code when you arrive. Cannot come? Cancel so someone else can."
    ),
)

# The coordinator's own words, sent as written: nothing here to translate. Which channels the
# coordinator chose is expressed by the addresses the recipient is given.
COORDINATOR_MESSAGE = event(
    "volunteering.coordinator_message",
    subject=lambda context: f"{context['organization']}: {context['title']}",
    body=lambda context: f"{context['organization']}: {context['message']}",
    channels=(SMS, EMAIL),
)


def _call(function, *args) -> str:
    return str(function(*args))


def in_reader_language(function, *args):
    """``function(*args)`` as text computed when the message is rendered, in the reader's language."""
    return lazy(_call, str)(function, *args)


def shift_text(shift):
    return in_reader_language(shift_label, shift)
