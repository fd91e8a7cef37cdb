"""Tenancy: every organization-owned row is read through a scope.

``OrganizationScopedManager`` is the default manager of every model that belongs to an
organization. Inside ``organization_scope(org)`` it returns only that organization's rows; with no
scope active it raises ``ScopeError`` rather than silently returning everybody's data. Code that
legitimately reads across organizations (the ministry, public pages, background jobs) says so with
``scopes_disabled()``, which makes every cross-tenant read visible in review.

Related-object access (``donation.organization``) goes through Django's base manager and is not
affected; reverse managers (``org.donations.all()``) use the scoped default manager.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import models

_UNSET = object()
_DISABLED = object()
_current: contextvars.ContextVar = contextvars.ContextVar("joud_org_scope", default=_UNSET)


class ScopeError(RuntimeError):
    """An organization-owned table was read with no organization scope active."""


@contextmanager
def organization_scope(organization) -> Iterator[None]:
    """Restrict scoped managers to ``organization`` (an instance or a primary key)."""
    org_id = getattr(organization, "pk", organization)
    if org_id is None:
        raise ScopeError("organization_scope needs a saved organization")
    token = _current.set(org_id)
    try:
        yield
    finally:
        _current.reset(token)


@contextmanager
def scopes_disabled() -> Iterator[None]:
    """Read across organizations on purpose (ministry views, public pages, jobs, tests)."""
    token = _current.set(_DISABLED)
    try:
        yield
    finally:
        _current.reset(token)


def current_organization_id():
    value = _current.get()
    return None if value in (_UNSET, _DISABLED) else value


class OrganizationScopedQuerySet(models.QuerySet):
    def for_organization(self, organization):
        return self.filter(
            **{self.model.organization_scope_field: getattr(organization, "pk", organization)}
        )


class OrganizationScopedManager(models.Manager.from_queryset(OrganizationScopedQuerySet)):
    """Filters by the active organization scope; refuses to read when no scope is active."""

    def get_queryset(self):
        qs = super().get_queryset()
        value = _current.get()
        if value is _DISABLED:
            return qs
        if value is _UNSET:
            raise ScopeError(
                f"{self.model._meta.label} is organization-owned: read it inside "
                "organization_scope(org) or, for cross-organization reads, scopes_disabled()."
            )
        return qs.filter(**{self.model.organization_scope_field: value})

    # Writing needs no read scope, but inside a scope a row for another organization is refused.
    def create(self, **kwargs):
        obj = self.model(**kwargs)
        _check_write_scope(obj)
        obj.save(force_insert=True, using=self.db)
        return obj

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            _check_write_scope(obj)
        return self.model.unscoped.bulk_create(objs, *args, **kwargs)


def _check_write_scope(obj) -> None:
    scoped_to = current_organization_id()
    owner = getattr(obj, obj.organization_scope_field)
    if scoped_to is not None and owner != scoped_to:
        raise ScopeError(
            f"refusing to write a {obj._meta.label} for organization {owner} "
            f"inside the scope of organization {scoped_to}"
        )


class OrganizationOwnedModel(models.Model):
    """Abstract base for rows that belong to one organization."""

    organization_scope_field = "organization_id"

    objects = OrganizationScopedManager()
    unscoped = models.Manager()  # for migrations and the admin; grep for it in review  # noqa: DJ012

    class Meta:
        abstract = True
        base_manager_name = "unscoped"
