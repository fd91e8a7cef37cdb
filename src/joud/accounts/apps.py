from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "joud.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # Imported here: the admin and allauth's models need the app registry ready.
        from joud.accounts.admin_site import secure_admin

        secure_admin()
