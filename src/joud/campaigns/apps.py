from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "joud.campaigns"
    label = "campaigns"
    verbose_name = _("Initiatives")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from joud.campaigns.selectors import forget_filter_organizations
        from joud.organizations.models import Organization

        for signal in (post_save, post_delete):
            signal.connect(
                forget_filter_organizations, sender=Organization, dispatch_uid="joud.filter_orgs"
            )
