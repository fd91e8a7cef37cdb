"""Personal data (Oman's Personal Data Protection Law, Royal Decree 6/2022, and its Executive
Regulations): answer times, the breach clock, retention periods and where the data may live.

``region_problems`` is the storage-region check: the production profile refuses to start with
any of them (``settings.guard``) and every profile reports them as system-check errors
(``joud.privacy.checks``), so a bucket or a backup target outside the configured region is
caught before the platform writes anything there.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

import environ

_env = environ.Env()

# The regulation's limits: the Executive Regulation of the Personal Data Protection Law
# (Ministerial Decision 34/2024, MTCIT, in force 29 January 2024). Its text was not at hand when
# these were set; the figures are as legal commentaries on it report them:
# - a person's request to exercise a right (access, copy, transfer, correction, erasure,
#   objection) is met free of charge within 45 days (e.g. blog.decree.om, "data subjects'
#   rights" under the Executive Regulation; article number not confirmed);
# - a breach is reported to the ministry within 72 hours of becoming aware of it (article 30),
#   and to the people affected within 72 hours where it may harm them (article 32) (Trowers &
#   Hamlins and Thomson Reuters summaries, February 2024).
# Check them against the Official Gazette text; a shorter period than the law's is allowed,
# a longer one is not (``joud.privacy.checks`` refuses it).
RIGHTS_ANSWER_DAYS_LIMIT = 45
BREACH_HOURS_LIMIT = 72
# A rights request is answered within this many days of its receipt (its deadline, shown to
# the person and to the association).
JOUD_RIGHTS_ANSWER_DAYS = _env.int("JOUD_RIGHTS_ANSWER_DAYS", default=RIGHTS_ANSWER_DAYS_LIMIT)
# A breach is notified to the authority within this many hours of its discovery.
JOUD_BREACH_AUTHORITY_HOURS = _env.int("JOUD_BREACH_AUTHORITY_HOURS", default=BREACH_HOURS_LIMIT)
# Where breach notifications to the authority are sent (its data protection unit).
JOUD_BREACH_AUTHORITY_EMAIL = _env.str("JOUD_BREACH_AUTHORITY_EMAIL", default="")
# Days each kind of data is kept (``joud.privacy.registry.RetentionRule``), e.g.
# ``JOUD_RETENTION_DAYS=unpaid_attempts=30,access_logs=1825``; unnamed kinds keep their default.
JOUD_RETENTION_DAYS = {
    key: int(value) for key, value in _env.dict("JOUD_RETENTION_DAYS", default={}).items()
}
# The region personal data must stay in (object storage and backups), e.g. the Omani region of
# the hosting provider. Empty: data stays on this host's disk, nothing is sent to a region.
JOUD_DATA_REGION = _env.str("JOUD_DATA_REGION", default="").strip()
# Where backups are copied to (a region name); empty means the data region.
JOUD_BACKUP_REGION = _env.str("JOUD_BACKUP_REGION", default="").strip()
# Host names of S3-compatible endpoints inside the data region (a provider with no region names,
# or MinIO in the same data centre), comma-separated.
JOUD_DATA_REGION_HOSTS = _env.list("JOUD_DATA_REGION_HOSTS", default=[])


def period_problems(s: Mapping) -> list[str]:
    """Answer periods the regulation does not allow: none, or longer than its own."""
    problems = []
    days = s.get("JOUD_RIGHTS_ANSWER_DAYS", RIGHTS_ANSWER_DAYS_LIMIT)
    if not 1 <= days <= RIGHTS_ANSWER_DAYS_LIMIT:
        problems.append(
            f"JOUD_RIGHTS_ANSWER_DAYS is {days}: a rights request is answered within 1 to "
            f"{RIGHTS_ANSWER_DAYS_LIMIT} days (the Executive Regulation's period)."
        )
    hours = s.get("JOUD_BREACH_AUTHORITY_HOURS", BREACH_HOURS_LIMIT)
    if not 1 <= hours <= BREACH_HOURS_LIMIT:
        problems.append(
            f"JOUD_BREACH_AUTHORITY_HOURS is {hours}: a breach is notified within 1 to "
            f"{BREACH_HOURS_LIMIT} hours (the Executive Regulation's period)."
        )
    return problems


def region_problems(s: Mapping) -> list[str]:
    """Every place personal data would be stored outside ``JOUD_DATA_REGION``, one line each."""
    storage = s.get("JOUD_STORAGE", "local")
    region = s.get("JOUD_DATA_REGION", "")
    backup = s.get("JOUD_BACKUP_REGION", "")
    problems = []
    if storage == "s3":
        if not region:
            problems.append(
                "JOUD_DATA_REGION is not set, and JOUD_STORAGE is s3: name the region personal "
                "data must stay in (transfers abroad are restricted)."
            )
            return problems
        storages = s.get("STORAGES") or {}
        hosts = set(s.get("JOUD_DATA_REGION_HOSTS") or [])
        for name in ("default", "documents"):
            options = storages.get(name, {}).get("OPTIONS", {})
            endpoint = options.get("endpoint_url") or ""
            if endpoint:
                if urlsplit(endpoint).hostname not in hosts:
                    problems.append(
                        f"AWS_S3_ENDPOINT_URL is not a host listed in JOUD_DATA_REGION_HOSTS "
                        f"({name} storage): it may be outside {region}."
                    )
            elif options.get("region_name") and options["region_name"] != region:
                problems.append(
                    f"AWS_S3_REGION_NAME is outside JOUD_DATA_REGION ({name} storage): "
                    "personal data may not be stored there."
                )
    if backup and backup != region:
        problems.append(
            "JOUD_BACKUP_REGION is outside JOUD_DATA_REGION: backups hold all personal data."
        )
    return problems
