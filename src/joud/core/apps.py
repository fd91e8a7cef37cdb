from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "joud.core"
    label = "core"
    verbose_name = _("Foundation")

    def ready(self):
        from joud.core.observability.context import connect_task_signals

        connect_task_signals()  # task workers' log lines carry the task id
