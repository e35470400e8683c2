"""The results pages: pinned query counts at two data sizes, the breakdown, the filter, the Excel export."""

import re
from decimal import Decimal as D

import pytest
from django.urls import reverse

from evaluation.models import Grade, Phase, Result
from evaluation.results.explanation import explain
from evaluation.review.services import approve_result
from evaluation.vote.services import cast_vote, generate_tokens
from evaluation.years.services import create_results, start_review
from tests.evaluation.conftest import advance, confirm, make_window
from tests.excel.helpers import read_back
from tests.factories import MemberFactory


def grow(year, unit, branch, windows):
    """Add windows, each with two members on its post, and their results."""
    for i in range(windows):
        window, post = make_window(unit, f"X{i}-{windows}", post_org=branch)
        for _j in range(2):
            confirm(MemberFactory(branch=branch), post)
    create_results(year=year)


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


def test_the_excel_export_has_chinese_headers_and_one_row_per_result(client_for, committee_staff, make_year, window_a, window_b):
    year = make_year(Phase.PUBLISHED)
    response = client_for(committee_staff).get(reverse("evaluation:results_export", args=[year.year]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = read_back(response)
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("排名", "类型", "名称", "组织")
    assert "最终得分" in rows[0] and "等次" in rows[0]
    assert len(rows) == 1 + year.results.count()
    assert rows[1][0] == 1


def test_a_secretary_exports_only_their_own_results(client_for, secretary, make_year, window_a, window_b):
    year = make_year(Phase.PUBLISHED)
    sheet = read_back(client_for(secretary).get(reverse("evaluation:results_export", args=[year.year])))
    assert sheet.max_row - 1 == Result.objects.visible_to(secretary).filter(year=year).count() == 4


def test_exported_text_cannot_run_as_a_formula():
    from evaluation.exports import safe

    assert safe("=HYPERLINK(1)") == "'=HYPERLINK(1)" and safe("张伟") == "张伟"


def test_the_history_reads_in_words(client_for, committee_staff, make_year, window_a):
    year = make_year(Phase.PUBLISHED)
    result = Result.objects.get(year=year, window=window_a, kind="window")
    html = client_for(committee_staff).get(reverse("evaluation:result_detail", args=[year.year, result.pk])).content.decode()
    assert "党工委已审核" in html and "evaluation.result.approved" not in html
    # The approval's grade is in words too, not its key.
    history = html.split('data-testid="history"')[1]
    assert str(result.grade) not in re.findall(r"→ ([^)]*)\)", history)[0].split()
    assert str(Grade(result.grade).label) in history


def test_public_votes_stay_hidden_below_the_minimum_even_in_the_committee_preview(client_for, committee_staff, assessment_year, window_a):
    _batch, codes = generate_tokens(committee_staff, year=assessment_year, window=window_a, size=9)
    for code in codes:
        cast_vote(token=code, rating="very_satisfied")
    start_review(committee_staff, year=assessment_year)
    result = Result.objects.get(year=assessment_year, window=window_a, kind="window")
    explained = explain(result)
    public = next(line for line in explained["outcome"]["lines"] if line["source"] == "public")
    assert public["score"] is None


def test_the_results_can_be_filtered_to_those_waiting_for_review(client_for, committee_staff, make_year, window_a):
    year = make_year(Phase.REVIEW)
    first = year.results.order_by("pk").first()
    approve_result(committee_staff, result=first, committee_score=90)
    response = client_for(committee_staff).get(reverse("evaluation:results", args=[year.year]), {"status": "open"})
    assert first not in response.context["object_list"]
    assert response.context["paginator"].count == year.results.count() - 1
