from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MinistryConfig(AppConfig):
    name = "joud.ministry"
    label = "ministry"
    verbose_name = _("Ministry")
