from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EndowmentsConfig(AppConfig):
    name = "joud.endowments"
    label = "endowments"
    verbose_name = _("Endowments (waqf)")
