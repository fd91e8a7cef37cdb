"""The checks at start: personal data outside ``JOUD_DATA_REGION`` is an error, and so is an
answer period longer than the regulation's (a rights request's days, a breach's hours)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, register

from joud.settings.privacy import period_problems, region_problems


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


@register("privacy", deploy=False)
def answer_periods(app_configs=None, **kwargs):
    names = ("JOUD_RIGHTS_ANSWER_DAYS", "JOUD_BREACH_AUTHORITY_HOURS")
    values = {name: getattr(settings, name) for name in names}
    return [Error(problem, id="joud.privacy.E002") for problem in period_problems(values)]
