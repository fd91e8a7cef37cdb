"""Languages: Arabic first (the default), English second."""

from django.utils.translation import gettext_lazy as _

LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("Arabic")), ("en", _("English"))]
LANGUAGE_COOKIE_NAME = "joud_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Muscat"
# Locale folders live inside each app (src/joud/<app>/locale), found by APP_DIRS-style lookup.
LOCALE_PATHS: list = []
