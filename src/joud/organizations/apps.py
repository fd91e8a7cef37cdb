from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "joud.organizations"
    label = "organizations"
    verbose_name = _("Organizations")

    def ready(self):
        # Models can be imported only once the app registry is ready, i.e. here, not at the top.
        from django.db.models.signals import post_delete, post_save

        from joud.organizations.models import Organization
        from joud.organizations.selectors import forget_filter_organizations

        for signal in (post_save, post_delete):
            signal.connect(
                forget_filter_organizations, sender=Organization, dispatch_uid="joud.filter_orgs"
            )
