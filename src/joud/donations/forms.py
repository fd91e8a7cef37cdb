"""The giving form: phone first, Arabic first, forgiving about how people type numbers."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from joud.accounts.phone import normalize_omani_phone
from joud.core.money import format_money, max_donation, parse_amount
from joud.privacy.links import PUBLIC_NAME_CONSENT_LABEL, UPDATES_CONSENT_LABEL

PRESETS = [Decimal(x) for x in ("1.000", "5.000", "10.000", "25.000", "50.000", "100.000")]


def zakat_field_maximum() -> Decimal:
    """The largest value of one calculator field (rials or grams); ``JOUD_MAX_ZAKAT_FIELD``."""
    return Decimal(str(settings.JOUD_MAX_ZAKAT_FIELD))


class DonationForm(forms.Form):
    preset = forms.ChoiceField(
        label=_("Amount"),
        required=False,
        choices=[(str(p), str(p)) for p in PRESETS],
        widget=forms.RadioSelect,
    )
    custom_amount = forms.CharField(
        label=_("Another amount (rials)"),
        required=False,
        max_length=16,
        widget=forms.TextInput(
            attrs={"inputmode": "decimal", "autocomplete": "off", "class": "form-control"}
        ),
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=[
            ("once", _("Once")),
            ("ten_nights", _("Each of Ramadan's last ten nights")),
            ("friday", _("Every Friday")),
            ("daily", _("Every day")),
            ("weekly", _("Every week")),
            ("monthly", _("Every month")),
        ],
        initial="once",
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    donor_name = forms.CharField(
        label=_("Your name"),
        required=False,
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name", "class": "form-control"}),
    )
    donor_phone = forms.CharField(
        label=_("Your mobile number (for the receipt)"),
        required=False,
        max_length=20,
        widget=forms.TextInput(
            attrs={"inputmode": "tel", "autocomplete": "tel", "class": "form-control", "dir": "ltr"}
        ),
    )
    donor_email = forms.EmailField(
        label=_("Your email (for the receipt)"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "class": "form-control"}),
    )
    # The name is shown publicly only on a positive act (Oman's PDPL: explicit consent, with
    # its proof): this box, left unticked, shows nothing; ticked, it records the consent.
    show_name = forms.BooleanField(
        label=PUBLIC_NAME_CONSENT_LABEL,
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    is_anonymous = forms.BooleanField(
        label=_("Give anonymously (the receipt and the gift card say “A generous donor”)"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    wants_updates = forms.BooleanField(
        label=UPDATES_CONSENT_LABEL,
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    dedication = forms.CharField(
        label=_("Dedication (optional)"),
        required=False,
        max_length=200,
        help_text=_("For example: on behalf of my late father."),
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    is_gift = forms.BooleanField(
        label=_("This is a gift on behalf of someone: send them a card"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )
    gift_recipient_name = forms.CharField(
        label=_("Recipient's name"),
        required=False,
        max_length=150,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    gift_recipient_phone = forms.CharField(
        label=_("Recipient's mobile number"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "class": "form-control", "dir": "ltr"}),
    )
    gift_recipient_email = forms.EmailField(
        label=_("Recipient's email"),
        required=False,
        widget=forms.EmailInput(attrs={"class": "form-control"}),
    )
    gift_language = forms.ChoiceField(
        label=_("Card language"),
        choices=[("ar", _("Arabic")), ("en", _("English"))],
        initial="ar",
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, minimum: Decimal, **kwargs):
        super().__init__(*args, **kwargs)
        self.minimum = minimum
        self.fields["custom_amount"].help_text = _("The smallest gift is %(minimum)s.") % {
            "minimum": format_money(minimum)
        }

    def clean_donor_phone(self):
        raw = self.cleaned_data.get("donor_phone", "")
        return normalize_omani_phone(raw) if raw.strip() else ""

    def clean_gift_recipient_phone(self):
        raw = self.cleaned_data.get("gift_recipient_phone", "")
        return normalize_omani_phone(raw) if raw.strip() else ""

    def clean(self):
        data = super().clean()
        custom = (data.get("custom_amount") or "").strip()
        amount = None
        try:
            if custom:
                amount = parse_amount(custom, maximum=max_donation())
            elif data.get("preset"):
                amount = parse_amount(data["preset"], maximum=max_donation())
        except ValidationError as exc:
            self.add_error("custom_amount", exc)
            return data
        if amount is None:
            self.add_error("custom_amount", _("Choose or enter an amount."))
        elif amount < self.minimum:
            self.add_error(
                "custom_amount",
                _("The smallest gift is %(minimum)s.") % {"minimum": format_money(self.minimum)},
            )
        data["amount"] = amount
        if data.get("show_name"):
            if data.get("is_anonymous"):
                self.add_error(
                    "show_name",
                    _("You chose to give anonymously: untick one of the two boxes."),
                )
            elif not (data.get("donor_name") or "").strip():
                self.add_error("donor_name", _("Write the name to show with your gift."))
        if data.get("is_gift"):
            if not data.get("gift_recipient_name"):
                self.add_error("gift_recipient_name", _("Whom is the gift for?"))
            if not (data.get("gift_recipient_phone") or data.get("gift_recipient_email")):
                self.add_error(
                    "gift_recipient_phone",
                    _("Give the recipient's mobile number or email so we can send the card."),
                )
        else:
            for name in ("gift_recipient_name", "gift_recipient_phone", "gift_recipient_email"):
                data[name] = ""
        return data


def _money_field(label):
    return forms.CharField(
        label=label,
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "form-control"}),
    )


class ZakatForm(forms.Form):
    cash = _money_field(_("Cash and bank balances (rials)"))
    gold_grams = _money_field(_("Gold (grams)"))
    silver_grams = _money_field(_("Silver (grams)"))
    trade_goods = _money_field(_("Trade goods at their value (rials)"))
    receivables = _money_field(_("Money owed to you that you expect back (rials)"))
    debts = _money_field(_("Debts you owe now (rials)"))
    nisab_basis = forms.ChoiceField(
        label=_("Nisab by"),
        choices=[("gold", _("Gold (85 g)")), ("silver", _("Silver (595 g)"))],
        initial="gold",
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def clean(self):
        data = super().clean()
        for name in ("cash", "gold_grams", "silver_grams", "trade_goods", "receivables", "debts"):
            raw = (data.get(name) or "").strip()
            try:
                maximum, money = zakat_field_maximum(), not name.endswith("_grams")
                data[name] = parse_amount(raw, maximum=maximum, money=money) if raw else Decimal(0)
            except ValidationError as exc:
                self.add_error(name, exc)
                continue
            if data[name] < 0:
                self.add_error(name, _("Enter a positive number."))
        return data
