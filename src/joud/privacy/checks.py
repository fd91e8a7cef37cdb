"""The storage-region check at start: personal data outside ``JOUD_DATA_REGION`` is an error."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, register

from joud.settings.privacy import region_problems


@register("privacy", deploy=False)
def storage_region(app_configs=None, **kwargs):
    names = (
        "JOUD_STORAGE",
        "STORAGES",
        "JOUD_DATA_REGION",
        "JOUD_BACKUP_REGION",
        "JOUD_DATA_REGION_HOSTS",
    )
    values = {name: getattr(settings, name, None) for name in names}
    return [Error(problem, id="joud.privacy.E001") for problem in region_problems(values)]
