"""What Joud sends Thawani to open a checkout session, as its go-live review asks.

- ``client_reference_id``: Thawani's API documents it as numerical. With
  ``JOUD_THAWANI_CLIENT_REFERENCE = "numeric"`` (the default) the attempt reference
  (JD-7F3K2Q-P1) is sent as digits, two per character (``numeric_reference``), a mapping that
  ``attempt_reference`` reverses without any table; ``"reference"`` sends it as it is. The
  session's metadata always carries the readable reference too, and it is read first.
- Customer information in the metadata (the developer page lists the customer's name, contact
  number and email as a production requirement): the donor's own, except that an anonymous gift
  sends the configured placeholders (``JOUD_THAWANI_ANONYMOUS_NAME``, ``…_PHONE``, ``…_EMAIL``)
  instead of the donor's name, and their contact only if ``JOUD_THAWANI_SEND_ANONYMOUS_CONTACT``
  is on. A field the donor left empty sends the placeholder.
- The product: one line, its name cut to ``PRODUCT_NAME_MAX`` characters, its unit amount in
  baisa within ``MIN_UNIT_AMOUNT``..``MAX_UNIT_AMOUNT`` (refused before the payer leaves
  otherwise, with a clear message).
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from joud.core.errors import BusinessError
from joud.core.money import format_money, from_minor_units, to_minor_units

CURRENCY = "OMR"  # Thawani settles in Omani rials only
PRODUCT_NAME_MAX = 40  # characters of a product's name Thawani keeps
MIN_UNIT_AMOUNT = 100  # baisa: Thawani's smallest charge, 0.100 OMR
MAX_UNIT_AMOUNT = 5_000_000_000  # baisa: the largest unit amount Thawani's API accepts
MAX_QUANTITY = 100  # per product line (Joud always sends one)
METADATA_NAME, METADATA_PHONE, METADATA_EMAIL = "Customer name", "Contact number", "Email"
_NUMERIC_OFFSET = 32  # "-" -> 13, "0" -> 16, "A" -> 33, "Z" -> 58: always two digits


def numeric_reference(reference: str) -> str:
    """``JD-7F3K2Q-P1`` as digits (two per character), reversible by ``attempt_reference``."""
    out = []
    for char in reference.upper():
        code = ord(char) - _NUMERIC_OFFSET
        if not 10 <= code <= 99:
            raise ValueError(f"cannot encode {char!r} in a numerical reference")
        out.append(f"{code:02d}")
    return "".join(out)


def attempt_reference(session: dict) -> str:
    """Our attempt reference for a Thawani session (or payment) object: the metadata's, else the
    client reference decoded when it is numerical."""
    metadata = session.get("metadata") if isinstance(session.get("metadata"), dict) else {}
    if metadata.get("reference"):
        return str(metadata["reference"])
    value = str(session.get("client_reference_id") or "")
    if value.isdigit() and len(value) % 2 == 0:
        return "".join(
            chr(int(value[i : i + 2]) + _NUMERIC_OFFSET) for i in range(0, len(value), 2)
        )
    return value


def client_reference(reference: str) -> str:
    if settings.JOUD_THAWANI_CLIENT_REFERENCE == "reference":
        return reference
    return numeric_reference(reference)


def customer_metadata(donation) -> dict[str, str]:
    """The three customer fields Thawani asks for, following the anonymous-gift policy."""
    anonymous = bool(getattr(donation, "is_anonymous", False)) if donation else True
    send_contact = not anonymous or settings.JOUD_THAWANI_SEND_ANONYMOUS_CONTACT
    name = "" if anonymous or donation is None else donation.donor_name
    phone = donation.donor_phone if donation is not None and send_contact else ""
    email = donation.donor_email if donation is not None and send_contact else ""
    return {
        METADATA_NAME: (name or settings.JOUD_THAWANI_ANONYMOUS_NAME)[:100],
        METADATA_PHONE: phone or settings.JOUD_THAWANI_ANONYMOUS_PHONE,
        METADATA_EMAIL: email or settings.JOUD_THAWANI_ANONYMOUS_EMAIL,
    }


def unit_amount(amount) -> int:
    units = to_minor_units(amount, CURRENCY)
    if not MIN_UNIT_AMOUNT <= units <= MAX_UNIT_AMOUNT:
        raise BusinessError(
            _("This gateway accepts gifts from %(low)s to %(high)s.")
            % {
                "low": format_money(from_minor_units(MIN_UNIT_AMOUNT, CURRENCY)),
                "high": format_money(from_minor_units(MAX_UNIT_AMOUNT, CURRENCY)),
            },
            code="amount",
            field="amount",
        )
    return units


def session_request(attempt, *, url: str) -> dict:
    """The body of ``POST /api/v1/checkout/session`` for one payment attempt."""
    if attempt.currency != CURRENCY:
        raise BusinessError(_("This gateway accepts Omani rials only."), code="currency")
    donation_reference = attempt.reference.rsplit("-P", 1)[0]
    return {
        "client_reference_id": client_reference(attempt.reference),
        "mode": "payment",
        "products": [
            {
                "name": f"Joud donation {donation_reference}"[:PRODUCT_NAME_MAX],
                "quantity": 1,
                "unit_amount": unit_amount(attempt.amount),
            }
        ],
        "success_url": url,
        "cancel_url": url,
        "metadata": {
            "reference": attempt.reference,
            "donation": donation_reference,
            **customer_metadata(getattr(attempt, "donation", None)),
        },
    }
