"""Reads about organizations: the public profile, the search filter's list, an applicant's own
applications and their documents."""

from __future__ import annotations

from django.core.cache import cache
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


FILTER_ORGANIZATIONS_KEY = "joud:filter-organizations:v1"
FILTER_ORGANIZATIONS_SECONDS = 60


def filter_organizations() -> list[Organization]:
    """The active organizations for the search page's filter, kept a minute in the shared cache
    (every search would otherwise draw them all from the database). Shared, not per process: a
    suspension must leave the list on every node at once, not a minute later on the others."""
    rows = cache.get(FILTER_ORGANIZATIONS_KEY)
    if rows is None:
        rows = list(
            Organization.objects.filter(status=Status.ACTIVE).values_list(
                "pk", "slug", "name_ar", "name_en"
            )
        )
        cache.set(FILTER_ORGANIZATIONS_KEY, rows, FILTER_ORGANIZATIONS_SECONDS)
    # Plain values in the cache (no pickled models that a new release could not read back).
    return [Organization(pk=pk, slug=slug, name_ar=ar, name_en=en) for pk, slug, ar, en in rows]


def forget_filter_organizations(**_kwargs) -> None:
    """Every process and node reads the list again (connected to an organization's save and
    delete)."""
    cache.delete(FILTER_ORGANIZATIONS_KEY)


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
