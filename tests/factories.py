import datetime

import factory
from django.contrib.auth import get_user_model

from members.models import Member, Organisation, Role


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("pw-for-tests")


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["code"]

    kind = Organisation.Kind.COMMITTEE
    code = "C"
    name = "区直机关党工委"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = Organisation.Kind.UNIT
    code = factory.Sequence(lambda n: f"U{n}")
    name = factory.Sequence(lambda n: f"单位党组织{n}")
    parent = factory.SubFactory(CommitteeFactory)


class BranchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = Organisation.Kind.BRANCH
    code = factory.Sequence(lambda n: f"B{n}")
    name = factory.Sequence(lambda n: f"第{n}党支部")
    parent = factory.SubFactory(UnitFactory)


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    member_no = factory.Sequence(lambda n: f"M{n:05d}")
    name = factory.Sequence(lambda n: f"党员{n}")
    gender = "M"
    birth_date = datetime.date(1985, 6, 1)
    education = Member.Education.BACHELOR
    position = "科员"
    specialties = "政策咨询、窗口服务"
    branch = factory.SubFactory(BranchFactory)


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    user = factory.SubFactory(UserFactory)
    kind = Role.Kind.BRANCH_SECRETARY
    organisation = factory.SubFactory(BranchFactory)
