"""What each app holds about a person, and how long it keeps each kind of data.

``joud.privacy`` sits below the apps that hold most personal data (donations, volunteering,
beneficiaries), so it cannot read their tables. Each of them declares, in its own
``personal_data`` module, a ``Source`` (collect a person's data, erase or pseudonymise it, apply a
withdrawn consent) and its ``RetentionRule``s; ``load()`` imports those modules once (Django's
``autodiscover_modules``), as the admin does with ``admin`` modules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class DataSubject:
    """Whom a request or a consent is about: a user (and their phone and email, which find their
    gifts made as a guest), or a beneficiary's case at an association."""

    user: Any = None
    phone: str = ""
    email: str = ""
    organization: Any = None
    case_reference: str = ""

    @classmethod
    def of_user(cls, user) -> DataSubject:
        return cls(user=user, phone=user.phone or "", email=(user.email or "").lower())

    @property
    def user_id(self) -> int | None:
        return getattr(self.user, "pk", None)

    @property
    def organization_id(self) -> int | None:
        return getattr(self.organization, "pk", None)


@dataclass(frozen=True)
class Note:
    """One line of an erasure's answer: what happened to a kind of data, and why."""

    data: str
    action: str  # "removed", "pseudonymised" or "kept"
    count: int
    why: str = ""

    def as_dict(self) -> dict:
        return {"data": self.data, "action": self.action, "count": self.count, "why": self.why}


@dataclass(frozen=True)
class Source:
    key: str
    label: Any  # lazy text
    collect: Callable[[DataSubject], list[dict]]
    erase: Callable[[DataSubject], list[Note]] | None = None
    # Apply a withdrawn consent (a purpose code) to the data: e.g. hide the public name.
    withdraw: Callable[[DataSubject, str], int] | None = None
    position: int = 100


@dataclass(frozen=True)
class RetentionRule:
    code: str
    label: Any
    days: int  # the default; JOUD_RETENTION_DAYS overrides it per code
    purge: Callable[[dt.datetime], tuple[int, int]]  # cutoff -> (deleted, pseudonymised)
    description: Any = ""
    extra: dict = field(default_factory=dict)

    @property
    def keep_days(self) -> int:
        return int(getattr(settings, "JOUD_RETENTION_DAYS", {}).get(self.code, self.days))


SOURCES: dict[str, Source] = {}
RULES: dict[str, RetentionRule] = {}
_loaded = False


def register_source(source: Source) -> Source:
    SOURCES[source.key] = source
    return source


def register_rule(rule: RetentionRule) -> RetentionRule:
    RULES[rule.code] = rule
    return rule


def load() -> None:
    """Import every app's ``personal_data`` module (once)."""
    global _loaded
    if not _loaded:
        autodiscover_modules("personal_data")
        _loaded = True


def sources() -> list[Source]:
    load()
    return sorted(SOURCES.values(), key=lambda s: (s.position, s.key))


def rules() -> list[RetentionRule]:
    load()
    return sorted(RULES.values(), key=lambda r: r.code)
