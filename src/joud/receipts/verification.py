"""The one verify box: what a printed code or a pasted link is, and whether it is genuine.

Every code the platform prints is recognised here: an initiative's code, a receipt's number or
its QR link, a donation reference, a volunteer certificate's code or QR link, a waqf share
certificate ("WQ-…"), a published case ("JC-…") and a case reference ("CS-…"). The verify page
and the API's ``/api/v1/verify/{code}`` both answer from ``verify_any``.

The answer never carries personal data: no donor, volunteer or beneficiary name; a case says
only that it exists, its state and its amounts. A code that can be guessed (a receipt's running
number, a donation reference) shows no amount either: the unguessable QR link does.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.http.request import split_domain_port, validate_host
from django.urls import Resolver404, resolve
from django.utils.translation import gettext_lazy as _

from joud.beneficiaries.access import is_visible_to_public
from joud.beneficiaries.models import Case, PublicCase
from joud.campaigns import selectors as campaigns
from joud.core.tenancy import scopes_disabled
from joud.endowments.selectors import share_by_code
from joud.organizations.models import Organization
from joud.receipts.models import Receipt
from joud.volunteering.models import Certificate, minutes_as_hours
from joud.volunteering.selectors.certificates import certificate_verify

# A pasted link is at most a long QR address (a certificate's token carries its content).
MAX_INPUT = 2000


class Kind:
    INITIATIVE = "initiative"
    RECEIPT = "receipt"
    CERTIFICATE = "certificate"
    WAQF_SHARE = "waqf_share"
    CASE = "case"
    NONE = ""


# Why a box's input could not be read (each has its own message on the page and in the API).
TOO_LONG, CONTROL, FOREIGN, UNREADABLE = (
    "too_long",
    "control_characters",
    "foreign_link",
    "unreadable",
)
PROBLEMS = {
    TOO_LONG: _(
        "That is far longer than any code or link Joud prints. Enter the code as printed, or "
        "paste the link from its QR code."
    ),
    CONTROL: _("It contains invisible or control characters. Type the code again as printed."),
    FOREIGN: _(
        "This link is not to Joud. Only links to this site can be checked here: never trust a "
        "page that only looks like it."
    ),
    UNREADABLE: _("This link is not to a page Joud can verify. Enter the printed code instead."),
}


@dataclass
class Verdict:
    """What the box answers. ``status``: an initiative's licence status (``licensed``,
    ``expired``, ``suspended``, ``licence_expired``, ``not_licensed``), ``genuine``,
    ``altered``, ``unknown`` or ``invalid`` (with ``problem``)."""

    status: str
    kind: str = Kind.NONE
    code: str = ""
    problem: str = ""
    organization: Organization | None = None
    initiative: object | None = None
    organization_suspended: bool = False
    issued_at: dt.datetime | None = None
    amount: Decimal | None = None
    # Cases: the state's code and label, and for a published case its amounts.
    state: str = ""
    state_label: str = ""
    amount_needed: Decimal | None = None
    amount_raised: Decimal | None = None
    # Certificates: the hours certified and the year or opportunity's organization.
    minutes: int | None = None
    year: int | None = None
    extra: dict = field(default_factory=dict)

    @property
    def message(self):
        """Why the input could not be read (a lazy translation; "" when it could)."""
        return PROBLEMS[self.problem] if self.problem else ""

    @property
    def hours(self) -> Decimal | None:
        return None if self.minutes is None else minutes_as_hours(self.minutes)

    @property
    def found(self) -> bool:
        return self.status not in ("unknown", "invalid")


_INITIATIVE = re.compile(r"[A-Z2-9]{6}")
_CERTIFICATE = re.compile(r"[A-Z2-9]{8}")
_WAQF_SHARE = re.compile(r"WQ-[A-Z2-9]{10}")
_PUBLIC_CASE = re.compile(r"JC-[A-Z2-9]{6}")
_CASE = re.compile(r"CS-[A-Z2-9]{6}")
_DONATION = re.compile(r"JD-[A-Z2-9]{6}")
_RECEIPT_NUMBER = re.compile(r"(\d{1,9})-(\d{1,9})")


def _problem(text: str) -> str:
    if len(text) > MAX_INPUT:
        return TOO_LONG
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") for ch in text):
        return CONTROL
    return ""


def _our_host(host: str, request_host: str = "") -> bool:
    """A link to this site: its public address, the address the reader came in by, or one of
    the hosts it answers to (any port)."""
    name, _port = split_domain_port(host.lower())
    if not name:
        return False
    ours = [h for h in settings.ALLOWED_HOSTS if h != "*"]
    site = urlsplit(settings.SITE_URL or "").hostname
    if site:
        ours.append(site)
    if request_host:
        ours.append(split_domain_port(request_host.lower())[0])
    return validate_host(name, ours)


def _from_link(text: str, request_host: str) -> tuple[str, str, str] | str:
    """(url name, argument, what it carries) for a link to one of our verifiable pages; or a
    problem."""
    address = text if "://" in text else ("http://" + text if not text.startswith("/") else text)
    try:
        parts = urlsplit(address)
        host = parts.netloc.rsplit("@", 1)[-1]
    except ValueError:  # a malformed address (an unclosed IPv6 bracket)
        return UNREADABLE
    if parts.scheme not in ("http", "https", ""):
        return FOREIGN
    if parts.netloc and not _our_host(host, request_host):
        return FOREIGN
    try:
        match = resolve(parts.path or "/")
    except Resolver404:
        return UNREADABLE
    name = match.view_name
    kwargs = match.kwargs
    if name == "web:verify":
        code = (parse_qs(parts.query).get("code") or [""])[0]
        return ("code", code, "") if code else UNREADABLE
    by_name = {
        "web:verify_code": "code",
        "campaigns:detail": "code",
        "campaigns:qr_png": "code",
        "campaigns:qr_svg": "code",
        "donations:give_initiative": "code",
        "donations:give_case": "code",
        "beneficiaries:public_case": "code",
        "receipts:waqf_verify": "code",
        "receipts:verify": "receipt_token",
        "volunteering:certificate_verify": "certificate_token",
    }
    what = by_name.get(name)
    if what is None:
        return UNREADABLE
    value = kwargs.get("token") or kwargs.get("code") or ""
    return (what, value, name)


def verify_any(text: str, *, request_host: str = "", today: dt.date | None = None) -> Verdict:
    """The one resolver: a printed code or a link to one, read as the verify box reads it."""
    text = (text or "").strip()
    problem = _problem(text)
    if problem:
        return Verdict("invalid", problem=problem)
    if not text:
        return Verdict("unknown")
    looks_like_link = "/" in text or "://" in text
    with scopes_disabled():
        if looks_like_link:
            found = _from_link(text, request_host)
            if isinstance(found, str):
                return Verdict("invalid", problem=found)
            what, value, _name = found
            if what == "receipt_token":
                return _receipt_by_token(value)
            if what == "certificate_token":
                return _certificate_by_token(value)
            text = value
        return _by_code(text.strip().upper(), today=today)


def _by_code(code: str, *, today) -> Verdict:
    if len(code) > 40:
        return Verdict("unknown", code=code[:40])
    if _WAQF_SHARE.fullmatch(code):
        return _waqf_share(code)
    if _PUBLIC_CASE.fullmatch(code):
        return _public_case(code)
    if _CASE.fullmatch(code):
        return _case(code)
    if _DONATION.fullmatch(code):
        return _receipt_by_donation(code)
    number = _RECEIPT_NUMBER.fullmatch(code)
    if number:
        return _receipt_by_number(code, int(number[1]), int(number[2]))
    if _CERTIFICATE.fullmatch(code):
        return _certificate_by_code(code)
    if _INITIATIVE.fullmatch(code):
        return _initiative(code, today=today)
    return Verdict("unknown", code=code)


def _initiative(code: str, *, today) -> Verdict:
    found = campaigns.verify_code(code, today=today)
    item = found.get("initiative")
    if item is None:
        return Verdict("unknown", code=code)
    return Verdict(
        found["status"],
        kind=Kind.INITIATIVE,
        code=code,
        initiative=item,
        organization=item.organization,
        organization_suspended=bool(found.get("organization_suspended")),
    )


def _receipt(receipt: Receipt | None, code: str, *, with_amount: bool) -> Verdict:
    if receipt is None:
        return Verdict("unknown", code=code)
    amount = None
    if with_amount:
        amount = receipt.refund.amount if receipt.refund_id else receipt.donation.amount
    return Verdict(
        "genuine",
        kind=Kind.RECEIPT,
        code=receipt.display_number,
        organization=receipt.organization,
        issued_at=receipt.issued_at,
        amount=amount,
        state=receipt.kind,
        state_label=str(receipt.get_kind_display()),
        extra={"given_to": receipt.donation.target_title} if with_amount else {},
    )


def _receipts():
    return Receipt.objects.select_related("organization", "donation", "refund")


def _receipt_by_token(token: str) -> Verdict:
    return _receipt(_receipts().filter(token=token[:32]).first(), "", with_amount=True)


def _receipt_by_number(code: str, organization_id: int, number: int) -> Verdict:
    receipt = _receipts().filter(organization_id=organization_id, number=number).first()
    return _receipt(receipt, code, with_amount=False)


def _receipt_by_donation(reference: str) -> Verdict:
    receipt = _receipts().filter(donation__reference=reference, kind=Receipt.Kind.DONATION).first()
    verdict = _receipt(receipt, reference, with_amount=False)
    if verdict.found:
        verdict.extra["reference"] = reference
    return verdict


def _certificate(status: str, certificate: Certificate | None, code: str) -> Verdict:
    if certificate is None:
        return Verdict("unknown", code=code)
    opportunity = certificate.opportunity
    return Verdict(
        status,
        kind=Kind.CERTIFICATE,
        code=certificate.code,
        organization=opportunity.organization if opportunity else None,
        issued_at=certificate.created_at,
        minutes=certificate.minutes,
        year=certificate.year,
        state=certificate.kind,
        state_label=str(certificate.get_kind_display()),
    )


def _certificate_by_code(code: str) -> Verdict:
    certificate = (
        Certificate.objects.select_related("opportunity__organization").filter(code=code).first()
    )
    return _certificate("genuine", certificate, code)


def _certificate_by_token(token: str) -> Verdict:
    result = certificate_verify(token)
    return _certificate(result.status, result.certificate, "")


def _waqf_share(code: str) -> Verdict:
    share = share_by_code(code)
    if share is None:
        return Verdict("unknown", code=code)
    return Verdict(
        "genuine",
        kind=Kind.WAQF_SHARE,
        code=share.code,
        organization=share.waqf.organization,
        issued_at=share.donation.confirmed_at,
        amount=share.donation.amount,
        extra={"waqf": share.waqf},
    )


def _public_case(code: str) -> Verdict:
    case = PublicCase.objects.select_related("organization").filter(code=code).first()
    if case is None:
        return Verdict("unknown", code=code)
    if not is_visible_to_public(case):
        # Gone for the public (its page is a 404): the code was ours and the case is closed,
        # nothing more (no association, amounts or category).
        return Verdict(
            "genuine",
            kind=Kind.CASE,
            code=code,
            state=case.status,
            state_label=str(case.get_status_display()),
        )
    return Verdict(
        "genuine",
        kind=Kind.CASE,
        code=code,
        organization=case.organization,
        state=case.status,
        state_label=str(case.get_status_display()),
        amount_needed=case.amount_needed,
        amount_raised=case.amount_raised,
        extra={"public": True, "category": case.get_category_display()},
    )


def _case(reference: str) -> Verdict:
    """A case reference: only that it exists and its state (nothing about the people)."""
    case = Case.objects.filter(reference=reference).only("status", "reference").first()
    if case is None:
        return Verdict("unknown", code=reference)
    return Verdict(
        "genuine",
        kind=Kind.CASE,
        code=reference,
        state=case.status,
        state_label=str(case.get_status_display()),
    )
