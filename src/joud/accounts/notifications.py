"""The messages accounts sends itself (allauth's emails go through its own templates and the
email backend). Sign-in codes are sent at once, in the language of the page that asked."""

from django.utils.translation import gettext_noop

from joud.core.notify import SMS, event

SIGN_IN_CODE = event(
    "accounts.sign_in_code",
    subject=gettext_noop("Joud"),
    body=gettext_noop("Your Joud code is %(code)s. Do not share it."),
    channels=(SMS,),
)
