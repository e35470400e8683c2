"""The pages doing the work: pinned query counts at two data sizes, forms through the views, the Excel export."""

import re
from decimal import Decimal as D
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from evaluation import services
from evaluation.models import CriterionScore, Grade, Phase, Result
from tests.evaluation.conftest import advance, confirm, make_window
from tests.factories import MemberFactory, UserFactory


def grow(year, unit, branch, windows):
    """Add windows, each with two members on its post, and their results."""
    for i in range(windows):
        window, post = make_window(unit, f"X{i}-{windows}", post_org=branch)
        for _j in range(2):
            confirm(MemberFactory(branch=branch), post)
    services.create_results(year)


@pytest.mark.parametrize("extra_windows", [0, 8])
def test_the_results_page_runs_a_fixed_number_of_queries(client_for, committee_staff, assessment_year, unit_a, branch_a1, extra_windows, django_assert_num_queries):
    grow(assessment_year, unit_a, branch_a1, extra_windows)
    client = client_for(committee_staff)
    url = reverse("evaluation:results", args=[assessment_year.year])
    # 1 the year, 2 session, 3 user, 4 roles, 5 member of the user (access), 6 count for the paginator,
    # 7 the page of results with member, branch, unit, window and window's unit joined,
    # 8 unread notifications in the navigation, 9 the filter's unit choices rendered
    with django_assert_num_queries(9):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("extra_activities", [0, 6])
def test_the_scoring_page_runs_a_fixed_number_of_queries(client_for, unit_secretary, assessment_year, window_a, extra_activities, django_assert_num_queries):
    report = services.quarter_report(assessment_year, window_a, 4)
    import datetime

    for i in range(extra_activities):
        services.add_activity(report, unit_secretary, date=datetime.date(2026, 10, 1 + i), kind="service", description="上门服务")
    result = Result.objects.get(year=assessment_year, window=window_a, kind="window")
    client = client_for(unit_secretary)
    url = reverse("evaluation:result_score", args=[assessment_year.year, result.pk])
    # 1 session, 2 user, 3 roles, 4 member of the user, 5 the year, 6 the result with its window and unit,
    # 7 existing criterion scores, 8 the 30 criteria, 9 activity counts per quarter report, 10 unread notifications
    with django_assert_num_queries(10):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('name="score_') == 30


def test_the_result_page_shows_the_breakdown_once_published(client_for, make_year, window_a, unit_secretary, committee_staff, member):
    year = make_year(Phase.ASSESSMENT)
    own = Result.objects.get(year=year, member=member)
    client = client_for(member.user)
    html = client.get(reverse("evaluation:result_detail", args=[year.year, own.pk])).content.decode()
    assert 'data-testid="breakdown"' not in html
    client.post(reverse("evaluation:self_assessment", args=[year.year]), {"report": "全年受理业务800件,零投诉", "score": "95"})
    assert Result.objects.get(pk=own.pk).self_score == D(95)
    advance(year, committee_staff, Phase.PUBLISHED)
    html = client_for(member.user).get(reverse("evaluation:result_detail", args=[year.year, own.pk])).content.decode()
    assert 'data-testid="breakdown"' in html and "95.00" in html


def test_the_committee_approves_and_adjusts_through_the_result_page(client_for, make_year, window_a, committee_staff):
    year = make_year(Phase.REVIEW)
    result = Result.objects.get(year=year, window=window_a, kind="window")
    client = client_for(committee_staff)
    approve = reverse("evaluation:result_approve", args=[year.year, result.pk])
    adjust = reverse("evaluation:result_adjust", args=[year.year, result.pk])
    response = client.post(approve, {"committee_score": "150"}, follow=True)
    assert Result.objects.get(pk=result.pk).status == "open"
    client.post(approve, {"committee_score": "88"})
    assert Result.objects.get(pk=result.pk).status == "approved"
    response = client.post(adjust, {"points": "2", "reason": ""}, follow=True)
    assert Result.objects.get(pk=result.pk).adjustment == 0
    response = client.post(adjust, {"points": "2", "reason": "群众来信表扬三次"}, follow=True)
    assert "群众来信表扬三次" in response.content.decode()
    assert Result.objects.get(pk=result.pk).adjustment == D(2)


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


def test_the_excel_export_has_chinese_headers_and_one_row_per_result(client_for, committee_staff, make_year, window_a, window_b):
    year = make_year(Phase.PUBLISHED)
    response = client_for(committee_staff).get(reverse("evaluation:results_export", args=[year.year]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("排名", "类型", "名称", "组织")
    assert "最终得分" in rows[0] and "等次" in rows[0]
    assert len(rows) == 1 + year.results.count()
    assert rows[1][0] == 1


def test_a_secretary_exports_only_their_own_results(client_for, secretary, make_year, window_a, window_b):
    year = make_year(Phase.PUBLISHED)
    sheet = load_workbook(BytesIO(client_for(secretary).get(reverse("evaluation:results_export", args=[year.year])).content)).active
    assert sheet.max_row - 1 == Result.objects.visible_to(secretary).filter(year=year).count() == 4


def test_exported_text_cannot_run_as_a_formula():
    from evaluation.exports import safe

    assert safe("=HYPERLINK(1)") == "'=HYPERLINK(1)" and safe("张伟") == "张伟"


def test_the_vote_page_renders_on_a_phone_without_inline_scripts_or_styles(client, db):
    with CaptureQueriesContext(connection):
        html = client.get(reverse("evaluation:vote")).content.decode()
    assert "style=" not in html and 'name="viewport"' in html


def test_a_phase_step_says_where_the_year_now_is(client_for, committee_staff, make_year, window_a):
    year = make_year(Phase.ASSESSMENT)
    response = client_for(committee_staff).post(reverse("evaluation:phase", args=[year.year, "review"]), follow=True)
    assert "考评已进入“党工委审核”阶段" in response.content.decode()
    response = client_for(committee_staff).post(reverse("evaluation:phase", args=[year.year, "publish"]), follow=True)
    assert "未经审核" in response.content.decode()


def test_the_history_reads_in_words(client_for, committee_staff, make_year, window_a):
    year = make_year(Phase.PUBLISHED)
    result = Result.objects.get(year=year, window=window_a, kind="window")
    html = client_for(committee_staff).get(reverse("evaluation:result_detail", args=[year.year, result.pk])).content.decode()
    assert "党工委已审核" in html and "evaluation.result.approved" not in html
    # The approval's grade is in words too, not its key.
    history = html.split('data-testid="history"')[1]
    assert str(result.grade) not in re.findall(r"→ ([^)]*)\)", history)[0].split()
    assert str(Grade(result.grade).label) in history


def test_the_committee_sees_late_and_missing_quarters(client_for, committee_staff, make_year, window_a, unit_secretary, time_machine):
    import datetime

    time_machine.move_to(datetime.datetime(2026, 3, 10, 9, tzinfo=datetime.UTC))
    year = make_year(Phase.QUARTERLY)
    report = services.quarter_report(year, window_a, 1)
    services.add_activity(report, unit_secretary, date=datetime.date(2026, 3, 1), kind="study", description="学习")
    time_machine.move_to(datetime.datetime(2026, 7, 20, 9, tzinfo=datetime.UTC))
    services.submit_quarter(report, unit_secretary)  # Q1 was due on 15 April: late; Q2 was due on 15 July: missing
    html = client_for(committee_staff).get(reverse("evaluation:quarters", args=[year.year])).content.decode()
    assert html.count("逾期") == 1 and html.count("缺报") == 1


def test_public_votes_stay_hidden_below_the_minimum_even_in_the_committee_preview(client_for, committee_staff, assessment_year, window_a):
    _batch, codes = services.generate_tokens(assessment_year, window_a, committee_staff, size=9)
    for code in codes:
        services.cast_vote(code, "very_satisfied")
    services.start_review(assessment_year, committee_staff)
    result = Result.objects.get(year=assessment_year, window=window_a, kind="window")
    explained = services.explain(result)
    public = next(line for line in explained["outcome"]["lines"] if line["source"] == "public")
    assert public["score"] is None


def test_the_results_can_be_filtered_to_those_waiting_for_review(client_for, committee_staff, make_year, window_a):
    year = make_year(Phase.REVIEW)
    first = year.results.order_by("pk").first()
    services.approve_result(first, committee_staff, committee_score=90)
    response = client_for(committee_staff).get(reverse("evaluation:results", args=[year.year]), {"status": "open"})
    assert first not in response.context["object_list"]
    assert response.context["paginator"].count == year.results.count() - 1


def test_anyone_can_see_why_a_window_got_its_plaque(client, make_year, window_a, unit_secretary, committee_staff):
    year = make_year(Phase.ASSESSMENT)
    result = Result.objects.get(year=year, window=window_a, kind="window")
    services.score_window(result, unit_secretary, {c.pk: (str(c.max_points), "") for c in year.criteria.all()})
    advance(year, committee_staff, Phase.PUBLISHED)
    services.decide_plaques(year, committee_staff)
    html = client.get(reverse("evaluation:plaques", args=[year.year])).content.decode()
    assert "共产党员先锋岗" in html and "97.50" in html and "党组织综合评定 100.00" in html


def test_vote_cards_are_never_cached(client_for, committee_staff, assessment_year, window_a):
    response = client_for(committee_staff).post(
        reverse("evaluation:tokens", args=[assessment_year.year]), {"window": window_a.pk, "size": 1, "valid_days": 30, "submission": "0b7e9a52-3c1d-4e8f-a6b2-9d4c3e2f1a07"}
    )
    assert "no-store" in response["Cache-Control"]


def test_a_member_without_an_evaluation_is_told_why_instead_of_a_404(client_for, assessment_year, branch_a1):
    newcomer = MemberFactory(branch=branch_a1, user=UserFactory())
    response = client_for(newcomer.user).get(reverse("evaluation:self_assessment", args=[assessment_year.year]))
    assert response.status_code == 200
    assert "年终考评对象是考评开始时已在先锋岗上的党员" in response.content.decode()
    assert not Result.objects.filter(member=newcomer).exists()
