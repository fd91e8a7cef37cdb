"""What every page needs: direction, the other language, and the navigation for the user's roles."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import get_language, get_language_bidi

from joud.core.money import numbering_system
from joud.web.navigation import account_navigation, public_navigation


def shell(request):
    lang = (get_language() or "ar").split("-")[0]
    return {
        "LANG": lang,
        "DIR": "rtl" if get_language_bidi() else "ltr",
        "OTHER_LANG": "en" if lang == "ar" else "ar",
        "NAV": public_navigation(),
        "ACCOUNT_NAV": account_navigation(getattr(request, "user", None)),
        "SHOW_OUTBOX": settings.JOUD_SHOW_OUTBOX,
        "SITE_URL": settings.SITE_URL,
        "DIGITS": numbering_system(lang),
    }
