"""Reads about organizations: the public profile, the search filter's list, an applicant's own
applications and their documents."""

from __future__ import annotations

import time

from django.db.models import QuerySet

from joud.core.tenancy import scopes_disabled
from joud.organizations.models import Membership, Organization, OrganizationDocument

Status = Organization.Status
PUBLIC_STATUSES = (Status.ACTIVE, Status.SUSPENDED)


def organization_public(slug: str) -> Organization | None:
    """A licensed (or suspended) organization's public profile; None for any other."""
    return (
        Organization.objects.filter(slug=slug, status__in=PUBLIC_STATUSES)
        .select_related("governorate", "wilayat")
        .first()
    )


def licensed_count() -> int:
    return Organization.objects.filter(status=Status.ACTIVE).count()


_FILTER_ORGANIZATIONS: tuple[float, list] = (0.0, [])
FILTER_ORGANIZATIONS_SECONDS = 60


def filter_organizations() -> list[Organization]:
    """The active organizations for the search page's filter, read at most once a minute per
    process (every search would otherwise draw them all from the database; a newly licensed
    organization appears in the list within a minute)."""
    global _FILTER_ORGANIZATIONS
    read_at, items = _FILTER_ORGANIZATIONS
    now = time.monotonic()
    if not items or now - read_at > FILTER_ORGANIZATIONS_SECONDS:
        items = list(
            Organization.objects.filter(status=Status.ACTIVE).only("slug", "name_ar", "name_en")
        )
        _FILTER_ORGANIZATIONS = (now, items)
    return items


def forget_filter_organizations(**_kwargs) -> None:
    """This process reads the list again (connected to an organization's save and delete)."""
    global _FILTER_ORGANIZATIONS
    _FILTER_ORGANIZATIONS = (0.0, [])


def administered_by(user) -> QuerySet[Organization]:
    """The organizations ``user`` administers (an applicant's own applications among them)."""
    return Organization.objects.filter(
        memberships__user=user,
        memberships__role=Membership.Role.ADMIN,
        memberships__is_active=True,
    )


def my_applications(user) -> list[Organization]:
    return list(administered_by(user).order_by("-created_at"))


def application_of(user, slug: str) -> Organization | None:
    """The application ``slug`` if ``user`` administers it; None for anyone else."""
    return administered_by(user).filter(slug=slug).first()


def documents_of(organization: Organization) -> list[OrganizationDocument]:
    with scopes_disabled():  # the organization's own documents, read by its admin or the ministry
        return list(OrganizationDocument.objects.filter(organization=organization))
