"""Messages to volunteers: rendered in each reader's language, queued once the transaction commits."""

from __future__ import annotations

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext

from joud.core.tasks import send_email_task, send_sms_task
from joud.volunteering.models import Application
from joud.volunteering.text import shift_label


def notify(user, *, subject, body) -> None:
    """SMS and/or email to ``user`` in their language, once the transaction has committed.

    ``subject`` and ``body`` are callables returning text, so they are rendered in the
    recipient's language rather than the actor's.
    """
    language = getattr(user, "language", None) or "ar"
    with translation.override(language):
        subject_text, body_text = str(subject()), str(body())
    if user.phone:
        queue_sms(to=user.phone, body=body_text)
    if user.email:
        queue_email(to=user.email, subject=subject_text, body=body_text)


def queue_sms(*, to: str, body: str) -> None:
    """Send in the background once the transaction commits: nothing leaves for rolled-back work."""
    transaction.on_commit(lambda: send_sms_task.enqueue(to=to, body=body))


def queue_email(*, to: str, subject: str, body: str) -> None:
    transaction.on_commit(lambda: send_email_task.enqueue(to=to, subject=subject, body=body))


def _notify_promoted(application: Application) -> None:
    shift = application.shift
    notify(
        application.volunteer,
        subject=lambda: gettext("A place opened for you"),
        body=lambda: (
            gettext(
                "Good news: a place opened and you are now accepted for %(shift)s. "
                "If you cannot come, please cancel so the next person can take it."
            )
            % {"shift": shift_label(shift)}
        ),
    )
