"""Reading the audit log: each entry as a sentence in the reader's language, with the actor, the
object (linked where the reader may open it) and its data as a small table.

    lines = describe(page_of_entries)   # one query per kind of object, none per entry
    line.sentence   # "Maryam approved the initiative <a>School bags</a>."  (safe HTML)
    line.changes    # [Change("Reason", "text", "…"), Change("Amount", "money", Decimal(…))]
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from joud.core.audit_display.changes import Change, account_label, changes
from joud.core.audit_display.objects import MINISTRY_KINDS, Kind, Thing, kind_of, load
from joud.core.audit_display.phrases import GENERIC, OTHER_VERB, PHRASES, UNSIGNED, VERBS

__all__ = ["AuditLine", "Change", "Kind", "account_label", "actor_name", "describe", "sentence"]


@dataclass
class AuditLine:
    entry: object
    sentence: str
    changes: list[Change] = field(default_factory=list)


def actor_name(actor, action: str = "") -> str:
    """Who did it, as people know them: a name, else their email or phone; when nobody signed
    in, a member of the public for what the public does, else the platform itself (scheduler,
    gateway notices)."""
    if actor is None:
        return str(UNSIGNED.get(action) or gettext("The platform"))
    return getattr(actor, "full_name", "") or str(actor)


def _object_html(entry, thing: Thing | None):
    if thing is None:
        kind = kind_of(entry.object_type) if entry.object_type else ""
        if not kind:
            return format_html("{}", gettext("the platform's settings"))
        return format_html("<bdi>{}</bdi>", gettext("a deleted %(kind)s") % {"kind": kind})
    if thing.url:
        return format_html('<a href="{}"><bdi>{}</bdi></a>', thing.url, thing.name)
    return format_html("<bdi>{}</bdi>", thing.name)


def sentence(entry, thing: Thing | None = None) -> str:
    """The entry as one sentence (safe HTML: the names are escaped, the link is ours)."""
    actor = format_html("<bdi>{}</bdi>", actor_name(entry.actor, entry.action))
    obj = _object_html(entry, thing)
    parts = {"actor": actor, "object": obj}
    phrase = PHRASES.get(entry.action)
    if phrase is None:
        phrase = GENERIC
        parts["verb"] = conditional_escape(VERBS.get(entry.action.rsplit(".", 1)[-1], OTHER_VERB))
    text = str(phrase)
    if entry.actor is None and entry.action not in UNSIGNED:
        # "The gateway confirmed … (The platform)": the bracket adds nothing when no one acted.
        text = text.replace(" (%(actor)s)", "")
    # The translated phrase is escaped; the parts put into it are escaped HTML already.
    return mark_safe(conditional_escape(text) % parts)  # noqa: S308


def describe(entries, *, kinds: dict[str, Kind] | None = None) -> list[AuditLine]:
    """``entries`` (a page of ``AuditLogEntry`` with their actor) as ``AuditLine``s."""
    entries = list(entries)
    things = load(entries, MINISTRY_KINDS if kinds is None else kinds)
    return [
        AuditLine(
            entry=entry,
            sentence=sentence(entry, things.get((entry.object_type, entry.object_id))),
            changes=changes(entry.data, object_type=entry.object_type),
        )
        for entry in entries
    ]
