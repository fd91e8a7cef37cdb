"""Factories for the whole suite. Apps add theirs here or in tests/<app>/factories.py."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from joud.accounts.models import User
from joud.campaigns.models import Initiative
from joud.geo.models import Governorate, Wilayat
from joud.organizations.models import Membership, Organization


def governorate(code: str = "MA") -> Governorate:
    return Governorate.objects.get(code=code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.om")
    phone = factory.Sequence(lambda n: f"+9689{n:07d}")
    full_name = factory.Faker("name", locale="ar_SA")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    kind = Organization.Kind.ASSOCIATION
    name_ar = factory.Sequence(lambda n: f"جمعية الاختبار {n}")
    name_en = factory.Sequence(lambda n: f"Test Association {n}")
    slug = factory.Sequence(lambda n: f"test-org-{n}")
    status = Organization.Status.ACTIVE
    licence_number = factory.Sequence(lambda n: f"MSD-AS-{n:04d}")
    governorate = factory.LazyFunction(lambda: governorate("MA"))
    wilayat = factory.LazyAttribute(
        lambda o: Wilayat.objects.filter(governorate=o.governorate).first()
    )


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Membership.Role.ADMIN


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    organization = factory.SubFactory(OrganizationFactory)
    title_ar = factory.Sequence(lambda n: f"مبادرة كفالة الأيتام {n}")
    title_en = factory.Sequence(lambda n: f"Orphan sponsorship {n}")
    category = "orphans"
    goal = Decimal("1000.000")
    state = Initiative.State.LIVE
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=1))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))
