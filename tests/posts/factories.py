"""Factories for the posts app: posts and rounds of steps 1–3, windows with members on duty for step 4.

Kept apart from tests/factories.py, which other parts extend."""

import datetime

import factory
from django.utils import timezone

from members.models import AuditEntry
from posts.models import Assignment, Post, Round, Window
from posts.nominations import services as nomination_services
from posts.publication import services as publication_services
from posts.review import services as review_services
from tests.factories import MemberFactory, UnitFactory


class PublicPostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    organisation = factory.SubFactory(UnitFactory)
    title = factory.Sequence(lambda n: f"综合受理岗{n}")
    kind = Post.Kind.PUBLIC
    duties = "接待群众咨询，受理申请材料，一次性告知所需材料。"
    capacity = 3
    service_items = "企业开办、个体工商户登记"
    service_targets = "辖区企业和群众"
    service_content = "咨询、受理、办结"
    service_procedure = "取号 → 受理 → 审核 → 发证"
    commitments = "一次告知，限时办结"
    service_materials = "身份证、营业执照"
    time_limit_days = 3
    supervision_phone = "12345"


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    member = factory.SubFactory(MemberFactory)
    post = factory.SubFactory(PublicPostFactory)
    status = Assignment.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)


class WindowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Window
        skip_postgeneration_save = True

    organisation = factory.SubFactory(UnitFactory)
    code = factory.Sequence(lambda n: f"W{n:03d}")
    name = factory.Sequence(lambda n: f"综合服务窗口{n}")
    location = "行政服务中心一楼"
    opening_hours = "工作日 9:00–17:00"
    phone = "0574-88000000"
    theme = "爱我岗位,展我才能,履我职责,争先创优"
    commitments = "零距离、零障碍、零差错、零投诉"

    @factory.post_generation
    def posts(self, create, extracted, **kwargs):
        if create and extracted:
            self.posts.add(*extracted)


def staffed_window(unit, branch, *, holders=2, code=None, **kwargs):
    """A window of `unit` with one public post of `branch` held by `holders` confirmed members."""
    post = PublicPostFactory(organisation=branch, capacity=max(holders, 1))
    for _ in range(holders):
        AssignmentFactory(post=post, member=MemberFactory(branch=branch))
    extra = {"code": code} if code else {}
    return WindowFactory(organisation=unit, posts=[post], **extra, **kwargs)


def make_post(organisation, title="政策咨询导办岗", *, capacity=2, kind=Post.Kind.PUBLIC, **extra):
    fields = {
        "duties": "为办事群众提供政策咨询和导办服务。", "required_specialties": "政策咨询、窗口服务",
        "service_items": "政策咨询", "service_content": "咨询导办", "commitments": "首问负责",
        "service_materials": "身份证", "time_limit_days": 1, "supervision_phone": "12345",
    } | extra
    return Post.objects.create(organisation=organisation, title=title, kind=kind, capacity=capacity, **fields)


def make_round(organisation, *, year=None, opens_on=None, closes_on=None, status=Round.Status.OPEN):
    today = timezone.localdate()
    return Round.objects.create(
        organisation=organisation, year=year or today.year, idea="人人有岗位,岗岗有党员。",
        opens_on=opens_on or today - datetime.timedelta(days=3), closes_on=closes_on or today + datetime.timedelta(days=10), status=status,
    )


def submit(member, rnd, post, statement="熟悉政策咨询,长期在窗口工作。"):
    return nomination_services.submit_nomination(member.user, round=rnd, post=post, statement=statement)


def actions():
    """The audit trail's action codes, in order."""
    return list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))


def fill_round(secretary, open_round, branch_a1, size):
    """`size` pending nominations and `size` published assignments on fresh posts."""
    extra = make_post(branch_a1, f"服务岗{size}", capacity=50)
    for i in range(size):
        m = MemberFactory(branch=branch_a1, name=f"甲{size}{i}", specialties="政策咨询、法律法规")
        nomination_services.submit_nomination(secretary, round=open_round, post=extra, statement="熟悉业务。", member=m)
    approved = []
    for i in range(size):
        m = MemberFactory(branch=branch_a1, name=f"乙{size}{i}")
        n = nomination_services.submit_nomination(secretary, round=open_round, post=extra, statement="熟悉业务。", member=m)
        approved.append(review_services.approve_nomination(secretary, nomination=n))
    publication = publication_services.publish_round(secretary, round=open_round)
    for i in range(size):
        publication_services.raise_objection(None, publication=publication, text=f"意见{i}", assignment=approved[i].assignment)
    return publication
