"""Posts and rounds on top of the fixed cast: branch A1 offers two posts and has a round open today."""

import datetime

import pytest
from django.utils import timezone

from posts.models import Post, Round


def make_post(organisation, title="政策咨询导办岗", *, capacity=2, kind=Post.Kind.PUBLIC, **extra):
    fields = {
        "duties": "为办事群众提供政策咨询和导办服务。", "required_specialties": "政策咨询、窗口服务",
        "service_items": "政策咨询", "service_content": "咨询导办", "commitments": "首问负责",
    } | extra
    return Post.objects.create(organisation=organisation, title=title, kind=kind, capacity=capacity, **fields)


def make_round(organisation, *, year=None, opens_on=None, closes_on=None, status=Round.Status.OPEN):
    today = timezone.localdate()
    return Round.objects.create(
        organisation=organisation, year=year or today.year, idea="人人有岗位,岗岗有党员。",
        opens_on=opens_on or today - datetime.timedelta(days=3), closes_on=closes_on or today + datetime.timedelta(days=10), status=status,
    )


@pytest.fixture
def window_post(branch_a1):
    return make_post(branch_a1, "政策咨询导办岗", capacity=2)


@pytest.fixture
def internal_post(branch_a1):
    return make_post(branch_a1, "党建宣传岗", capacity=1, kind=Post.Kind.INTERNAL, required_specialties="文字写作")


@pytest.fixture
def open_round(branch_a1, window_post, internal_post):
    return make_round(branch_a1)


@pytest.fixture
def b1_post(branch_b1):
    return make_post(branch_b1, "户籍办理岗", capacity=1)


@pytest.fixture
def b1_round(branch_b1, b1_post):
    return make_round(branch_b1)
