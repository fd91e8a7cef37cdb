"""Labels other apps' menus use for the privacy pages (their text lives in this app's catalogue)."""

from django.utils.translation import gettext_lazy as _

MY_DATA_LABEL = _("My data")
NOTICE_LABEL = _("Privacy notice")
UPDATES_CONSENT_LABEL = _(
    "Send me news of the initiatives I support and occasional newsletters (you can withdraw "
    "at any time)"
)
PUBLIC_NAME_CONSENT_LABEL = _(
    "Show my name with my gift on the public page (you can hide it at any time)"
)
