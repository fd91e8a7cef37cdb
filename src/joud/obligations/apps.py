from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObligationsConfig(AppConfig):
    name = "joud.obligations"
    label = "obligations"
    verbose_name = _("Zakat al-Fitr and expiations")
