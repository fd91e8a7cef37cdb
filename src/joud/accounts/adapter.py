"""allauth adapter: phone numbers live on our User; codes go out through Joud's SMS backend."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from joud.accounts.phone import normalize_omani_phone
from joud.core.messaging import send_sms


class OmaniPhoneField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {
                "inputmode": "tel",
                "autocomplete": "tel",
                "placeholder": "+968 9XXX XXXX",
                "dir": "ltr",
            }
        )

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        return normalize_omani_phone(value)


class JoudAccountAdapter(DefaultAccountAdapter):
    def phone_form_field(self, **kwargs):
        return OmaniPhoneField(**kwargs)

    def send_verification_code_sms(self, user, phone: str, code: str, **kwargs) -> None:
        send_sms(to=phone, body=_("Your Joud code is %(code)s. Do not share it.") % {"code": code})

    def send_unknown_account_sms(self, phone: str, **kwargs) -> None:
        send_sms(
            to=phone,
            body=_("Someone asked to sign in to Joud with this number, which has no account."),
        )

    def set_phone(self, user, phone: str, verified: bool) -> None:
        user.phone = normalize_omani_phone(phone)
        user.phone_verified = verified
        user.save(update_fields=["phone", "phone_verified"])

    def get_phone(self, user):
        if not user.phone:
            return None
        return user.phone, user.phone_verified

    def set_phone_verified(self, user, phone: str) -> None:
        user.phone_verified = True
        user.save(update_fields=["phone_verified"])

    def get_user_by_phone(self, phone: str):
        from joud.accounts.models import User

        try:
            phone = normalize_omani_phone(phone)
        except ValidationError:
            return None
        return User.objects.filter(phone=phone, is_active=True).first()
