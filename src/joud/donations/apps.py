from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DonationsConfig(AppConfig):
    name = "joud.donations"
    label = "donations"
    verbose_name = _("Donations")

    def ready(self) -> None:
        from joud.core.hijri import month_start_changed
        from joud.donations.tasks import on_month_start_changed

        month_start_changed.connect(
            on_month_start_changed, dispatch_uid="donations.follow_calendar"
        )
