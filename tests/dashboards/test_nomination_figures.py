"""Self-nominations, publications and objections, hand-counted (steps 1 to 3)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from members.dashboards import Scope
from posts import figures as post_figures
from posts.models import Nomination, Objection, Publication, Round
from tests.dashboards.conftest import YEAR
from tests.dashboards.factories import moment
from tests.factories import MemberFactory


@pytest.fixture
def steps(world, member, branch_a1, branch_b1, unit_a):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    pa1 = world["pa1"]
    r_a1 = Round.objects.create(organisation=branch_a1, year=YEAR, idea="人岗相适", opens_on=today - 5 * day, closes_on=today + 5 * day)
    r_b1 = Round.objects.create(organisation=branch_b1, year=YEAR, idea="按需设岗", opens_on=today - 30 * day,
                                closes_on=today - 20 * day, status=Round.Status.CLOSED)
    Round.objects.create(organisation=unit_a, year=YEAR - 1, idea="去年", opens_on=datetime.date(YEAR - 1, 3, 1),
                         closes_on=datetime.date(YEAR - 1, 3, 31), status=Round.Status.CLOSED)
    status = Nomination.Status
    for round_, branch, state in [(r_a1, branch_a1, status.APPROVED), (r_a1, branch_a1, status.REJECTED),
                                  (r_b1, branch_b1, status.PLACED), (r_b1, branch_b1, status.WITHDRAWN)]:
        Nomination.objects.create(round=round_, member=MemberFactory(branch=branch), post=pa1, statement="熟悉业务", status=state)
    Nomination.objects.create(round=r_a1, member=member, post=pa1, statement="熟悉政策")  # awaiting review
    p1 = Publication.objects.create(round=r_a1, title="第一支部定岗公示", published_at=timezone.now(), ends_on=today + 3 * day)
    # Past its notice but held: an objection to it awaits an answer.
    p2 = Publication.objects.create(round=r_b1, title="公安支部定岗公示", published_at=timezone.now() - 10 * day,
                                    ends_on=today - 2 * day)
    # Past its notice with nothing unanswered: the daily run confirms it.
    Publication.objects.create(round=r_b1, title="公安支部补充公示", published_at=timezone.now() - 9 * day, ends_on=today - 1 * day)
    Publication.objects.create(round=r_b1, title="已确认公示", published_at=moment(YEAR, 3, 1), ends_on=datetime.date(YEAR, 3, 8),
                               status=Publication.Status.CONFIRMED, confirmed_at=moment(YEAR, 3, 9))
    Objection.objects.create(publication=p1, text="岗位安排不合理")
    Objection.objects.create(publication=p1, text="已答复", status=Objection.Status.ANSWERED, upheld=False, answer="已核实",
                             answered_at=timezone.now())
    Objection.objects.create(publication=p2, text="请说明理由")


def test_self_nominations_of_the_year_by_state(steps):
    fig = post_figures.nominations(Scope.programme(YEAR))
    assert [s.value for s in fig.stats] == [2, 1, 1, 2]  # rounds, open now, awaiting review, approved or placed
    assert fig.table.rows == [["待审核", 1], ["已撤回", 1], ["已批准", 1], ["已调整岗位", 1], ["未通过", 1]]
    assert "<svg" in fig.chart


def test_a_branch_sees_its_own_rounds_and_what_awaits_review(steps, branch_a1, branch_b1):
    fig = post_figures.nominations(Scope(branch_a1, YEAR))
    assert [s.value for s in fig.stats] == [1, 1, 1, 1]
    assert fig.actions[0].count == 1 and fig.actions[0].url == reverse("posts:round_list")
    assert [s.value for s in post_figures.nominations(Scope(branch_b1, YEAR)).stats] == [1, 0, 0, 1]


def test_publications_in_notice_due_and_confirmed_and_objections(steps):
    fig = post_figures.publications(Scope.programme(YEAR))
    # Notice ended: the one to confirm, not the one an unanswered objection holds.
    assert [s.value for s in fig.stats] == [1, 1, 1, 2]
    assert "3" in fig.stats[-1].note


def test_a_publication_held_by_an_objection_is_not_counted_as_notice_ended(steps):
    held = Publication.objects.get(title="公安支部定岗公示")
    assert Publication.objects.held(timezone.localdate()).filter(pk=held.pk).exists()
    before = post_figures.publications(Scope.programme(YEAR)).stats[1].value
    held.objections.update(status=Objection.Status.ANSWERED, answer="已说明", upheld=False, answered_at=timezone.now())
    # Answered, it is no longer held: now it waits for the daily confirmation like the other one.
    assert post_figures.publications(Scope.programme(YEAR)).stats[1].value == before + 1 == 2


def test_a_secretary_is_asked_to_answer_objections_and_confirm_publications(steps, branch_a1, branch_b1):
    a1 = {a.label: a.count for a in post_figures.publications(Scope(branch_a1, YEAR)).actions}
    b1 = {a.label: a.count for a in post_figures.publications(Scope(branch_b1, YEAR)).actions}
    assert a1 == {"待您答复的公示异议": 1, "公示期已满的公示：请确认": 0}
    assert b1 == {"待您答复的公示异议": 1, "公示期已满的公示：请确认": 1}


def test_the_branch_dashboard_lists_todays_nomination_work(steps, cast, client_for, branch_a1):
    html = client_for(cast["secretary"]).get(reverse("members:dashboard_organisation", args=[branch_a1.pk])).content.decode()
    assert "待您审核的自我认岗申报" in html and "待您答复的公示异议" in html
    assert "公示期已满的公示：请确认" not in html  # nothing due: an action with no count is not shown
