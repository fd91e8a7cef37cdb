from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "joud.web"
    label = "web"
    verbose_name = _("Interface")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from joud.web.history import keep_guest_gifts

        user_logged_in.connect(keep_guest_gifts, dispatch_uid="joud.web.keep_guest_gifts")
