"""allauth's code forms, made friendly to phones: numeric keypad, Arabic-Indic digits accepted."""

from __future__ import annotations

from allauth.account import forms as account_forms
from allauth.account.models import EmailAddress
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms
from django import forms
from django.utils.translation import gettext_lazy as _

from joud.accounts.models import User
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


class RequestLoginCodeForm(account_forms.RequestLoginCodeForm):
    """allauth's form accepts a post with neither a phone nor an email, then its view fails
    (500) looking for the user the form never looked up: one of the two is required."""

    def clean(self):
        cleaned_data = super().clean()
        if not self.errors and not (cleaned_data.get("phone") or cleaned_data.get("email")):
            raise forms.ValidationError(_("Enter your mobile number or your email."))
        return cleaned_data


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


class SignupForm(account_forms.SignupForm):
    """Sign-up that never says an email already has an account.

    allauth hides it only when email verification is mandatory; Joud's is optional (people sign
    up with a mobile number), so allauth would answer "already registered". Here a taken email
    takes allauth's enumeration-prevention path instead: no account is made, the page moves on
    as for a new sign-up, and the email's owner receives allauth's "account already exists"
    mail.
    """

    def validate_unique_email(self, value):
        taken = (
            User.objects.filter(email__iexact=value).exists()
            or EmailAddress.objects.filter(email__iexact=value).exists()
        )
        if value and taken:
            self.account_already_exists = True
            return value
        return super().validate_unique_email(value)
