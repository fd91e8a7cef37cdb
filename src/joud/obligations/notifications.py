"""Messages of the obligations: the reminder in Ramadan's last days to last year's fitr donors
(an update: it goes only to those who consented, through core.notify's consent gate)."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from joud.core.notify import UPDATE, event

FITR_REMINDER = event(
    "obligations.fitr_reminder",
    subject=gettext_noop("Joud: zakat al-fitr is due before the Eid prayer"),
    body=gettext_noop(
        "Last year you paid zakat al-fitr through Joud. This year it is %(rate)s a person "
        "(%(in_kind)s) and collection closes %(closes)s. %(link)s"
    ),
    kind=UPDATE,
)
