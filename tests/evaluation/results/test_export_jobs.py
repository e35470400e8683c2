"""The results export follows the members' rule: above EXCEL_INLINE_EXPORT_ROWS a job, its file from the job page.

The job keeps the year and the list's filters as a query; it rebuilds the results from its starter's
scope as it is when it runs, so no stored filter can widen what the file holds.
"""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from evaluation.models import Phase
from members.jobs.models import Job
from members.jobs.services import start_job
from tests.evaluation.conftest import confirm
from tests.excel.helpers import rows_of
from tests.factories import MemberFactory

NAMES_A1 = ["同事0", "同事1", "同事2", "张伟"]


@pytest.fixture(autouse=True)
def small_threshold(settings):
    settings.EXCEL_INLINE_EXPORT_ROWS = 3


@pytest.fixture
def year(make_year, window_a, window_b):
    """Published: four members of branch A1 and one of B1, windows W-A (unit A) and W-B (unit B)."""
    return make_year(Phase.PUBLISHED)


@pytest.fixture
def run_job_now(django_capture_on_commit_callbacks):
    def _run(actor, **params):
        with django_capture_on_commit_callbacks(execute=True):
            job = start_job(actor, kind="excel.export", params=params)
        job.refresh_from_db()
        return job

    return _run


@pytest.fixture
def export(client_for, django_capture_on_commit_callbacks):
    """GET the export as this user; a job it starts runs once the request is over, as with no broker."""

    def _get(user, year, **query):
        with django_capture_on_commit_callbacks(execute=True):
            return client_for(user).get(reverse("evaluation:results_export", args=[year.year]), query)

    return _get


def downloaded(client_for, user, job):
    response = client_for(user).get(reverse("jobs:download", args=[job.pk]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    return [tuple(c.value for c in row) for row in sheet.iter_rows()]


def names(rows):
    return sorted(r[2] for r in rows[1:])


def test_an_export_above_the_threshold_is_a_job_whose_file_has_the_rows(year, committee_staff, export, client_for):
    response = export(committee_staff, year)
    job = Job.objects.get(kind="excel.export")
    assert response.status_code == 302 and response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.params == {"code": "results", "query": "year=2026"}
    assert (job.state, job.total, job.result_data) == (Job.State.DONE, 7, {"rows": 7})
    assert job.result_name == "考核结果-2026.xlsx"
    rows = downloaded(client_for, committee_staff, job)
    assert rows[0][:4] == ("排名", "类型", "名称", "组织")
    assert [r[0] for r in rows[1:]] == [1, 2, 3, 4, 5, 6, 7]
    assert names(rows) == sorted([*NAMES_A1, "乙同志", "户籍办理窗口", "行政审批综合受理窗口"])


def test_below_the_threshold_the_file_comes_at_once(year, committee_staff, export, settings):
    settings.EXCEL_INLINE_EXPORT_ROWS = 7
    response = export(committee_staff, year)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert len(rows_of(response)) == 8
    assert not Job.objects.exists()


def test_the_job_keeps_the_lists_filters(year, committee_staff, export, client_for, unit_a, settings):
    settings.EXCEL_INLINE_EXPORT_ROWS = 4  # unit A has five: four members of branch A1 and window W-A
    export(committee_staff, year, unit=unit_a.pk, page=2)
    job = Job.objects.get(kind="excel.export")
    assert job.params == {"code": "results", "query": f"unit={unit_a.pk}&year=2026"}
    assert names(downloaded(client_for, committee_staff, job)) == sorted([*NAMES_A1, "行政审批综合受理窗口"])


def test_the_export_link_keeps_the_lists_filters_but_not_its_page(year, committee_staff, client_for):
    html = client_for(committee_staff).get(reverse("evaluation:results", args=[2026]), {"kind": "window", "page": 1}).content.decode()
    assert f'href="{reverse("evaluation:results_export", args=[2026])}?kind=window"' in html


def test_another_users_job_file_is_404(year, cast, export, client_for):
    export(cast["secretary"], year)
    job = Job.objects.get(kind="excel.export")
    for role in ("other_secretary", "unit_secretary", "member"):
        assert client_for(cast[role]).get(reverse("jobs:download", args=[job.pk])).status_code == 404
    assert names(downloaded(client_for, cast["secretary"], job)) == NAMES_A1


def test_a_forged_filter_in_the_params_cannot_widen_the_scope(year, secretary, client_for, run_job_now, unit_b, window_b):
    # Another unit, the other kind and a scope word: the unit filter is the committee's alone, so the form refuses it
    # and the rows stay the secretary's own (branch A1's members).
    forged = run_job_now(secretary, code="results", query=f"year=2026&unit={unit_b.pk}&window={window_b.pk}&scope=all")
    assert forged.state == Job.State.DONE
    assert names(downloaded(client_for, secretary, forged)) == NAMES_A1
    # A filter the secretary may use narrows their own rows, never reaches anyone else's.
    windows = run_job_now(secretary, code="results", query="year=2026&kind=window")
    assert downloaded(client_for, secretary, windows)[1:] == []


def test_a_job_for_a_year_that_does_not_exist_fails_with_a_reason(year, committee_staff, run_job_now):
    job = run_job_now(committee_staff, code="results", query="year=1999")
    assert job.state == Job.State.FAILED and not job.result_file
    assert job.message == "1999年度考评不存在。"


def test_a_starter_who_lost_the_role_gets_no_file(year, secretary, run_job_now):
    from members.models import Role

    Role.objects.filter(user=secretary).delete()
    job = run_job_now(secretary, code="results", query="year=2026")
    assert job.state == Job.State.FAILED and not job.result_file


@pytest.mark.parametrize("extra", [0, 3])
def test_the_query_count_does_not_grow_with_rows(make_year, window_a, window_b, branch_a1, committee_staff, client_for, extra,
                                                 settings, django_assert_num_queries):
    for i in range(extra):
        confirm(MemberFactory(branch=branch_a1, name=f"新同事{i}"), window_a.posts.get())
    year = make_year(Phase.PUBLISHED)
    settings.EXCEL_INLINE_EXPORT_ROWS = 5000
    client = client_for(committee_staff)
    # 1 session, 2 the year, 3 user, 4 roles, 5 member record, 6 the count (small enough to send at once),
    # 7-10 the year's ballots, peer ratings and feedback per window and per member, 11 the results with their subjects
    with django_assert_num_queries(11):
        rows = rows_of(client.get(reverse("evaluation:results_export", args=[year.year])))
    assert len(rows) == 8 + extra

