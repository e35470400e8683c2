"""The sources' pages: the scoring page's pinned queries, scoring through it, the self-report page."""

import datetime

import pytest
from django.urls import reverse

from evaluation.models import CriterionScore, Result
from evaluation.quarters.services import add_activity, quarter_report
from tests.factories import MemberFactory, UserFactory


@pytest.mark.parametrize("extra_activities", [0, 6])
def test_the_scoring_page_runs_a_fixed_number_of_queries(client_for, unit_secretary, assessment_year, window_a, extra_activities, django_assert_num_queries):
    report = quarter_report(year=assessment_year, window=window_a, quarter=4)

    for i in range(extra_activities):
        add_activity(unit_secretary, report=report, date=datetime.date(2026, 10, 1 + i), kind="service", description="上门服务")
    result = Result.objects.get(year=assessment_year, window=window_a, kind="window")
    client = client_for(unit_secretary)
    url = reverse("evaluation:result_score", args=[assessment_year.year, result.pk])
    # 1 session, 2 user, 3 roles, 4 member of the user, 5 the year, 6 the result with its window and unit,
    # 7 existing criterion scores, 8 the 30 criteria, 9 activity counts per quarter report, 10 unread notifications
    with django_assert_num_queries(10):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('name="score_') == 30


def test_the_organisation_scores_a_window_through_the_scoring_page(client_for, assessment_year, window_a, unit_secretary):
    result = Result.objects.get(year=assessment_year, window=window_a, kind="window")
    criteria = list(assessment_year.criteria.all())
    client = client_for(unit_secretary)
    url = reverse("evaluation:result_score", args=[assessment_year.year, result.pk])
    data = {f"score_{c.pk}": str(c.max_points) for c in criteria}
    data[f"score_{criteria[0].pk}"] = str(criteria[0].max_points + 1)
    response = client.post(url, data, follow=True)
    assert "超出范围" in response.content.decode()
    assert not CriterionScore.objects.exists()  # nothing half-written
    data[f"score_{criteria[0].pk}"] = "1"
    client.post(url, data)
    assert CriterionScore.objects.filter(result=result).count() == 30


def test_a_member_without_an_evaluation_is_told_why_instead_of_a_404(client_for, assessment_year, branch_a1):
    newcomer = MemberFactory(branch=branch_a1, user=UserFactory())
    response = client_for(newcomer.user).get(reverse("evaluation:self_assessment", args=[assessment_year.year]))
    assert response.status_code == 200
    assert "年终考评对象是考评开始时已在先锋岗上的党员" in response.content.decode()
    assert not Result.objects.filter(member=newcomer).exists()
