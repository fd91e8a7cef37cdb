"""The things audit entries are about: their names and where the reader opens them.

Models are found by their label at run time (``apps.get_model``), so core imports no app. Names
are what people call the thing (an initiative's title, an organization's name, a reference),
never a database id or an internal code; a beneficiary is only ever named by the case reference.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from joud.core.money import format_number
from joud.core.tenancy import scopes_disabled


@dataclass(frozen=True)
class Kind:
    """How one model is named in a sentence, and the page (url name, its argument's attribute)."""

    name_path: tuple[str, ...]  # the first attribute path that gives a non-empty value
    url: tuple[str, str] | None = None
    noun: object = None  # what to call a thing with no name of its own (else its verbose name)


# What the ministry's audit page links to (the pages a reviewer may open).
MINISTRY_KINDS = {
    "campaigns.initiative": Kind(("title",), ("ministry:initiative", "public_code")),
    "campaigns.finalreport": Kind(
        ("initiative.title",), ("ministry:initiative", "initiative.public_code")
    ),
    "organizations.organization": Kind(("name",), ("ministry:organization", "slug")),
    "complaints.complaint": Kind(("reference",), ("ministry:complaint", "reference")),
    "disbursements.disbursement": Kind(
        ("reference",), ("disbursements:ministry_detail", "reference")
    ),
    "beneficiaries.duplicatealert": Kind(
        (), ("beneficiaries:ministry_duplicate", "pk"), noun=_("possible duplicate")
    ),
    "beneficiaries.case": Kind(("reference",)),
    "beneficiaries.publiccase": Kind(("code",)),
    "donations.donation": Kind(("reference",)),
    "donations.paymentattempt": Kind(("reference",)),
    "donations.refund": Kind(("reference",)),
    "accounts.user": Kind(("full_name",)),
}
_NAME_GUESSES = ("title", "name", "reference", "public_code", "code")


def _path(obj, path: str):
    for part in path.split("."):
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj


@dataclass(frozen=True)
class Thing:
    """An audited object as a reader sees it: its kind, its name, a link or none."""

    kind: str
    name: str
    url: str = ""


def model_of(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def load(entries, kinds=None) -> dict[tuple[str, str], Thing]:
    """The ``Thing`` of every (object_type, object_id) in ``entries``: one query per model."""
    kinds = MINISTRY_KINDS if kinds is None else kinds
    wanted: dict[str, set[str]] = defaultdict(set)
    for entry in entries:
        if entry.object_type and entry.object_id:
            wanted[entry.object_type].add(entry.object_id)
    found: dict[tuple[str, str], Thing] = {}
    for label, ids in wanted.items():
        model = model_of(label)
        if model is None:
            continue
        pks = []
        for raw in ids:
            try:
                pks.append(model._meta.pk.to_python(raw))
            except ValidationError:
                continue
        with scopes_disabled():  # the audit trail reads across organizations on purpose
            objects = model._default_manager.in_bulk(pks)
        for pk, obj in objects.items():
            found[(label, str(pk))] = _thing(obj, kinds.get(label))
    return found


def _thing(obj, kind: Kind | None) -> Thing:
    meta = obj._meta
    paths = kind.name_path if kind else _NAME_GUESSES
    name = ""
    for path in paths:
        value = _path(obj, path)
        if value not in (None, ""):
            name = str(value)
            break
    if not name:
        # Nothing people call it by: its kind and its number ("possible duplicate no. 12").
        name = _("%(kind)s no. %(number)s") % {
            "kind": (kind.noun if kind and kind.noun else None) or meta.verbose_name,
            "number": format_number(obj.pk, grouping=False),
        }
    url = ""
    if kind and kind.url:
        url_name, attribute = kind.url
        argument = _path(obj, attribute)
        if argument not in (None, ""):
            try:
                url = reverse(url_name, args=[argument])
            except NoReverseMatch:
                url = ""
    return Thing(kind=str(meta.verbose_name), name=name, url=url)


def kind_of(label: str) -> str:
    """The readable kind of a model label ("campaigns.initiative" -> "initiative")."""
    model = model_of(label)
    return str(model._meta.verbose_name) if model is not None else ""


def field_choices(label: str, field: str) -> dict[str, str]:
    """The labels of a model field's choices ({} when it has none): states, kinds, categories."""
    model = model_of(label)
    if model is None:
        return {}
    try:
        # A reverse relation (a "case" key on a model that cases point to) has no choices.
        choices = getattr(model._meta.get_field(field), "flatchoices", None)
    except FieldDoesNotExist:
        return {}
    return {str(value): str(text) for value, text in choices or ()}
