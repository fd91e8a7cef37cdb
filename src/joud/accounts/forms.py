"""allauth's code forms, made friendly to phones: numeric keypad, Arabic-Indic digits accepted."""

from __future__ import annotations

from allauth.account import forms as account_forms
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms

from joud.accounts.phone import ascii_digits


class _CodeFieldMixin:
    """People type codes on an Arabic keypad: '١٢٣ ٤٥٦' must match '123456'."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(
            {"inputmode": "numeric", "dir": "ltr", "autocomplete": "one-time-code"}
        )
        self.fields["code"].widget.attrs.pop("placeholder", None)  # the label says it

    def clean_code(self):
        self.cleaned_data["code"] = ascii_digits(self.cleaned_data["code"]).replace(" ", "")
        return super().clean_code()


class ConfirmLoginCodeForm(_CodeFieldMixin, account_forms.ConfirmLoginCodeForm):
    pass


class VerifyPhoneForm(_CodeFieldMixin, account_forms.VerifyPhoneForm):
    pass


class AuthenticateForm(_CodeFieldMixin, mfa_forms.AuthenticateForm):
    pass


class ReauthenticateForm(_CodeFieldMixin, mfa_forms.ReauthenticateForm):
    pass


class ActivateTOTPForm(_CodeFieldMixin, totp_forms.ActivateTOTPForm):
    pass
