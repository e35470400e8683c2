"""Factories for the shared posts models, as the dashboards need them.

Kept here rather than in tests/factories.py while the posts engineers shape theirs.
"""

import datetime

import factory
from django.utils import timezone

from posts.models import Assignment, Feedback, PlaqueRecord, Post, Window
from tests.factories import MemberFactory, UnitFactory


def moment(year, month=6, day=15, hour=10):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    organisation = factory.SubFactory(UnitFactory)
    title = factory.Sequence(lambda n: f"政策咨询岗{n}")
    duties = "解答群众咨询"
    capacity = 1


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    member = factory.SubFactory(MemberFactory)
    post = factory.SubFactory(PostFactory)
    status = Assignment.Status.CONFIRMED


class WindowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Window

    organisation = factory.SubFactory(UnitFactory)
    code = factory.Sequence(lambda n: f"W{n}")
    name = factory.Sequence(lambda n: f"综合受理窗口{n}")


class PlaqueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlaqueRecord

    window = factory.SubFactory(WindowFactory)
    year = 2026
    level = PlaqueRecord.Level.STRIVING
    source = PlaqueRecord.Source.APPLICATION
    decided_at = factory.LazyAttribute(lambda o: moment(o.year, 12, 20))
    # The core model's default (token_urlsafe(): 43 characters) overflows its 32-character column on PostgreSQL.
    verification_code = factory.Sequence(lambda n: f"plaque-{n:08d}")


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    window = factory.SubFactory(WindowFactory)
    kind = Feedback.Kind.PRAISE
    text = "服务热情"
    created_at = factory.LazyFunction(lambda: moment(2026, 3))
    due_at = factory.LazyAttribute(lambda o: o.created_at + datetime.timedelta(days=5))
