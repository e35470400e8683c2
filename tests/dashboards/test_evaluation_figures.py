"""Quarterly activity, evaluation progress and grades, hand-counted (evaluation year 2025, assessment running)."""

import datetime
import re

import pytest
from django.urls import reverse

from evaluation import figures as evaluation_figures
from evaluation.models import Activity, Ballot, EvaluationYear, PeerRating, QuarterReport, Result
from members import dashboards
from members.dashboards import Scope
from tests.dashboards.factories import moment
from tests.factories import MemberFactory

EVAL = 2025  # every quarter's deadline of 2025 has passed


@pytest.fixture
def evaluation(world, member, branch_a1, branch_b1):
    wa, wb = world["wa"], world["wb"]
    year = EvaluationYear.objects.create(year=EVAL, phase="assessment")
    for window, quarter, submitted, activities in [(wa, 1, True, 2), (wa, 2, True, 1), (wa, 3, False, 0), (wb, 1, True, 1)]:
        report = QuarterReport.objects.create(
            year=year, window=window, quarter=quarter, status="submitted" if submitted else "draft",
            submitted_at=moment(EVAL, quarter * 3, 20) if submitted else None)
        for _ in range(activities):
            Activity.objects.create(report=report, date=datetime.date(EVAL, quarter * 3, 1), kind="study", description="学习")
    a1_m2, a1_m3 = MemberFactory(branch=branch_a1), MemberFactory(branch=branch_a1)
    b1_m1 = MemberFactory(branch=branch_b1)
    Result.objects.create(year=year, kind="member", member=member, self_score=90, organisation_score=85)
    Result.objects.create(year=year, kind="member", member=a1_m2)
    Result.objects.create(year=year, kind="member", member=b1_m1, self_score=80)
    Result.objects.create(year=year, kind="window", window=wa, organisation_score=88, committee_score=90, status="approved")
    Result.objects.create(year=year, kind="window", window=wb)
    PeerRating.objects.create(year=year, rater=a1_m2, rated=member, level="excellent")
    PeerRating.objects.create(year=year, rater=a1_m3, rated=member, level="competent")
    for _ in range(3):
        Ballot.objects.create(year=year, window=wa, rating="satisfied")
    # Last year's published grades.
    before = EvaluationYear.objects.create(year=EVAL - 1, phase="closed")
    for kw, grade in [({"kind": "member", "member": member}, "excellent"), ({"kind": "member", "member": a1_m2}, "good"),
                      ({"kind": "member", "member": b1_m1}, "good"), ({"kind": "window", "window": wa}, "excellent")]:
        Result.objects.create(year=before, status="published", grade=grade, snapshot={}, **kw)
    return year


def test_quarterly_reports_submitted_and_missing_after_the_deadline(evaluation):
    fig = evaluation_figures.quarterly_activity(Scope.programme(EVAL))
    # quarter, windows, submitted, missing after the deadline, activities
    assert [row[1:] for row in fig.table.rows] == [[2, 2, 0, 3], [2, 1, 1, 1], [2, 0, 2, 0], [2, 0, 2, 0]]
    assert fig.stats[0].value == 5


def test_quarterly_activity_of_a_unit_and_its_action(evaluation, unit_a):
    scope = Scope(unit_a, EVAL)
    fig = evaluation_figures.quarterly_activity(scope)
    assert [row[3] for row in fig.table.rows] == [0, 0, 1, 1]
    assert {a.label: a.count for a in dashboards.build(scope).actions}["截止后仍未提交的季度报告"] == 2  # Q3 and Q4


def test_no_quarter_is_owed_before_the_year_is_set_up(world):
    fig = evaluation_figures.quarterly_activity(Scope.programme(EVAL))
    assert fig.table is None and fig.actions == [] and "2025" in fig.note


def test_the_quarterly_chart_draws_reports_and_activities(evaluation):
    chart = evaluation_figures.quarterly_activity(Scope.programme(EVAL)).chart
    assert chart.count("<polyline") == 2 and chart.count("<circle") == 8 and "第一季度" in chart


def test_evaluation_progress_by_source(evaluation):
    fig = evaluation_figures.evaluation_progress(Scope.programme(EVAL))
    assert [row[1:] for row in fig.table.rows] == [
        [2, 3, "67%"],  # self-assessment: member and b1_m1 of three members
        [1, 3, "33%"],  # peer review: one member has ratings
        [1, 2, "50%"],  # public vote: WA has ballots
        [2, 5, "40%"],  # organisation rating
        [1, 5, "20%"],  # committee review
        [1, 5, "20%"],  # approved
    ]
    assert [s.value for s in fig.stats] == [5, 2, 3]


def test_organisation_ratings_not_given_are_the_branch_secretarys_action(evaluation, branch_a1):
    fig = evaluation_figures.evaluation_progress(Scope(branch_a1, EVAL))
    assert fig.actions[0].count == 1  # a1_m2; the window WA is rated


def test_grades_by_year_count_published_results_only(evaluation, unit_a):
    fig = evaluation_figures.grades(Scope.programme(EVAL))
    assert fig.table.rows[-2] == ["2024", 2, 2, 0, 0]
    assert fig.table.rows[-1] == ["2025", 0, 0, 0, 0]  # nothing published yet
    unit = evaluation_figures.grades(Scope(unit_a, EVAL))
    assert unit.table.rows[-2] == ["2024", 2, 1, 0, 0]


# On top of the page and the core figures (see test_views): quarterly activity 4 (year, windows, reports, activities),
# evaluation progress 3 (results, peer ratings, ballots), grades 1.
@pytest.mark.parametrize("grow", [0, 3], ids=["small", "larger"])
def test_the_evaluation_figures_cost_a_fixed_number_of_queries(evaluation, more_of_everything, cast, client_for,
                                                               django_assert_num_queries, grow):
    from tests.dashboards.test_views import COMMITTEE_BREAKDOWN, CORE, PAGE, PARTS

    more_of_everything(grow)
    client = client_for(cast["committee_staff"])
    with django_assert_num_queries(PAGE + CORE + PARTS + 3 + COMMITTEE_BREAKDOWN):  # + 3: the quarters with a year set up
        assert client.get(reverse("members:dashboard") + f"?year={EVAL}").status_code == 200


def test_a_member_is_asked_for_their_self_report_and_peer_ratings(evaluation, cast, client_for, member):
    Result.objects.filter(member=member, year=evaluation).update(self_score=None)
    html = client_for(cast["member"]).get(reverse("home")).content.decode()
    assert f'href="{reverse("evaluation:self_assessment", args=[EVAL])}">填写2025年述岗自评' in html
    # a1_m2 is on a post in the member's branch this year and not yet rated by them.
    assert re.search(rf'href="{reverse("evaluation:peer_review", args=[EVAL])}">待互评的同事</a> <span[^>]*>1<', html)


def test_nothing_is_asked_once_the_member_has_done_their_part(evaluation, cast, client_for, member):
    a1_m2 = Result.objects.get(year=evaluation, kind="member", member__branch=member.branch, self_score=None).member
    PeerRating.objects.create(year=evaluation, rater=member, rated=a1_m2, level="competent")
    html = client_for(cast["member"]).get(reverse("home")).content.decode()
    assert "述岗自评" not in html and "待互评的同事" not in html


@pytest.mark.parametrize(("role", "org"), [("committee_staff", None), ("unit_secretary", "unit_a"), ("secretary", "branch_a1")])
def test_every_evaluation_link_opens_for_its_reader(evaluation, cast, client_for, request, role, org):
    if org is None:
        url = reverse("members:dashboard")
    else:
        url = reverse("members:dashboard_organisation", args=[request.getfixturevalue(org).pk])
    client = client_for(cast[role])
    html = client.get(f"{url}?year={EVAL}").content.decode()
    main = html[html.index("<main"):html.index("</main>")]
    links = set(re.findall(r'<a [^>]*href="(/evaluation/[^"#]*)"', main))
    assert links
    for href in links:
        assert client.get(href.replace("&amp;", "&")).status_code == 200, f"{href} as {role}"
