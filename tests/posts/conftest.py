"""The posts app's data on top of the fixed cast: branch A1 offers two posts and has a round open today;
units A and B each have a staffed window. Rate limits start unused in every test."""

import pytest
from django.core.cache import cache

from posts.models import Post
from posts.nominations import services as nomination_services
from posts.publication import services as publication_services
from posts.review import services as review_services
from tests.factories import MemberFactory, UserFactory
from tests.posts.factories import make_post, make_round, staffed_window


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate limits count per address in the cache: each test starts with none used."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def window_a(unit_a, branch_a1):
    return staffed_window(unit_a, branch_a1, code="WA", name="综合受理窗口")


@pytest.fixture
def window_b(unit_b, branch_b1):
    return staffed_window(unit_b, branch_b1, code="WB", name="户籍办理窗口")


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


@pytest.fixture
def published(member, secretary, branch_a1, open_round, window_post, internal_post):
    peer = MemberFactory(branch=branch_a1, name="李娜")
    review_services.approve_nomination(secretary, nomination=nomination_services.submit_nomination(secretary, round=open_round, post=window_post, statement="熟悉政策。", member=peer))
    review_services.approve_nomination(secretary, nomination=nomination_services.submit_nomination(member.user, round=open_round, post=internal_post, statement="擅长写作。"))
    return publication_services.publish_round(secretary, round=open_round)


@pytest.fixture
def peer(branch_a1):
    return MemberFactory(branch=branch_a1, name="李娜", user=UserFactory(username="peer"))
