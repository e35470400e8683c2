"""A window of unit A whose post is held by the cast's member and three colleagues of branch A1."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from evaluation.models import Phase, Result
from evaluation.results.services import publish_results
from evaluation.review.services import approve_result
from evaluation.sources.services import score_window
from evaluation.years.services import create_year, open_assessment, start_quarterly_activity, start_review
from posts.models import Assignment, Feedback, Post, Window
from tests.factories import MemberFactory


def make_window(org, code, post_org=None, name=None):
    window = Window.objects.create(organisation=org, code=code, name=name or f"窗口{code}")
    post = Post.objects.create(organisation=post_org or org, title=f"岗位{code}", kind=Post.Kind.PUBLIC, duties="窗口受理", capacity=10)
    window.posts.add(post)
    return window, post


def confirm(member, post):
    return Assignment.objects.create(member=member, post=post, status=Assignment.Status.CONFIRMED)


@pytest.fixture
def window_a(unit_a, branch_a1, member):
    window, post = make_window(unit_a, "W-A", post_org=branch_a1, name="行政审批综合受理窗口")
    confirm(member, post)
    for i in range(3):
        confirm(MemberFactory(branch=branch_a1, name=f"同事{i}"), post)
    return window


@pytest.fixture
def window_b(unit_b, branch_b1):
    window, post = make_window(unit_b, "W-B", post_org=branch_b1, name="户籍办理窗口")
    confirm(MemberFactory(branch=branch_b1, name="乙同志"), post)
    return window


MOVES = [
    (Phase.QUARTERLY, start_quarterly_activity),
    (Phase.ASSESSMENT, open_assessment),
    (Phase.REVIEW, start_review),
    (Phase.PUBLISHED, publish_results),
]


def advance(year, actor, to):
    for phase, move in MOVES:
        if year.phase_at_least(to):
            break
        if year.phase_at_least(phase):
            continue
        if phase == Phase.PUBLISHED:
            for result in year.results.filter(status=Result.Status.OPEN):
                approve_result(actor, result=result, committee_score=90)
        year = move(actor, year=year)
    return year


@pytest.fixture
def make_year(committee_staff):
    def _make(phase=Phase.SETUP, number=2026):
        year = create_year(committee_staff, number=number)
        return advance(year, committee_staff, phase)

    return _make


@pytest.fixture
def assessment_year(make_year, window_a, window_b):
    return make_year(Phase.ASSESSMENT)


def fill_window(year, window, secretary):
    """The organisation gives the window full marks on every criterion."""
    result = Result.objects.get(year=year, window=window, kind="window")
    score_window(secretary, result=result, scores={c.pk: (str(c.max_points), "") for c in year.criteria.all()})
    return result


def complaint(window, *, serious=False, upheld=True, when=None, member=None):
    when = when or timezone.make_aware(datetime.datetime(2026, 5, 1, 10))
    return Feedback.objects.create(window=window, kind="complaint", text="态度差", upheld=upheld, serious=serious, member=member,
                                   created_at=when, due_at=when + datetime.timedelta(days=5), status="concluded",
                                   concluded_at=when + datetime.timedelta(days=2))


@pytest.fixture
def in_2026():
    with time_machine.travel(datetime.datetime(2026, 12, 20, 9, tzinfo=datetime.UTC), tick=True):
        yield
