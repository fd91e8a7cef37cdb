from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "joud.core"
    label = "core"
    verbose_name = _("Foundation")

    def ready(self):
        from joud.core.observability.context import connect_signals

        connect_signals()  # log lines carry the request's or the task's id
