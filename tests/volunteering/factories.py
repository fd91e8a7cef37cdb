"""Factories for volunteering: opportunities, shifts, profiles, sign-ups."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from joud.geo.models import Wilayat
from joud.volunteering.models import Application, Opportunity, Shift, VolunteerProfile
from tests.factories import OrganizationFactory, UserFactory


class OpportunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opportunity

    organization = factory.SubFactory(OrganizationFactory)
    title_ar = factory.Sequence(lambda n: f"توزيع السلال الغذائية {n}")
    title_en = factory.Sequence(lambda n: f"Food basket distribution {n}")
    description_ar = "نجهز السلال الغذائية ونوزعها على الأسر المستحقة."
    description_en = "We pack food baskets and take them to families in need."
    skills = factory.LazyFunction(lambda: ["logistics"])
    wilayat = factory.LazyAttribute(lambda o: o.organization.wilayat or Wilayat.objects.first())
    place_ar = "مقر الجمعية"
    place_en = "The association's hall"
    latitude = "23.588000"
    longitude = "58.382900"
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=60))
    min_age = 14
    status = Opportunity.Status.PUBLISHED


def _in_days(days: int, hour: int = 9) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


class ShiftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Shift

    opportunity = factory.SubFactory(OpportunityFactory)
    organization = factory.LazyAttribute(lambda o: o.opportunity.organization)
    starts_at = factory.LazyFunction(lambda: _in_days(3))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=4))
    capacity = 10


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VolunteerProfile

    user = factory.SubFactory(UserFactory, is_volunteer=True)
    date_of_birth = dt.date(2000, 5, 17)
    skills = factory.LazyFunction(lambda: ["logistics"])
    leaderboard_visibility = "name"


def volunteer(**profile_fields):
    """A user with a volunteer profile (adult unless ``date_of_birth`` says otherwise)."""
    return ProfileFactory(**profile_fields).user


def minor(**profile_fields):
    today = timezone.localdate()
    profile_fields.setdefault("date_of_birth", today.replace(year=today.year - 15))
    return volunteer(**profile_fields)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application
        skip_postgeneration_save = True

    shift = factory.SubFactory(ShiftFactory)
    organization = factory.LazyAttribute(lambda o: o.shift.organization)
    volunteer = factory.SubFactory(UserFactory, is_volunteer=True)
    status = Application.Status.ACCEPTED
    queued_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def profile(obj, create, extracted, **kwargs):
        if create:
            VolunteerProfile.objects.get_or_create(
                user=obj.volunteer, defaults={"date_of_birth": dt.date(2000, 5, 17)}
            )
