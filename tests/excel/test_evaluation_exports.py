"""Evaluation exports: quarterly activity (read back, scope, query count) and the results on the shared writer."""

import datetime

import pytest
from django.urls import reverse

from evaluation.models import Activity, EvaluationYear, QuarterReport
from posts.models import Window
from tests.excel.helpers import read_back, rows_of

URL = reverse("members:excel:quarterly_export")


@pytest.fixture
def activities(cast, unit_a, unit_b, member):
    year = EvaluationYear.objects.create(year=2026)
    for unit, code in [(unit_a, "W-UA-1"), (unit_b, "W-UB-1")]:
        window = Window.objects.create(organisation=unit, code=code, name=f"{code} 窗口")
        report = QuarterReport.objects.create(year=year, window=window, quarter=1)
        activity = Activity.objects.create(report=report, date=datetime.date(2026, 3, 5), kind="study", description="-学习党章")
        activity.participants.set([member])
    return year


def test_quarterly_activity_reads_back(activities, cast, client_for):
    ws = read_back(client_for(cast["committee_staff"]).get(URL))
    rows = [tuple(c.value for c in row) for row in ws.iter_rows()]
    assert rows[0][:4] == ("年度", "季度", "窗口编码", "服务窗口")
    assert rows[1][:4] == (2026, 1, "W-UA-1", "W-UA-1 窗口")
    assert rows[1][7] == datetime.datetime(2026, 3, 5) and ws.cell(row=2, column=8).is_date
    assert rows[1][9] == "'-学习党章" and rows[1][10] == "张伟"
    assert ws.freeze_panes == "A2"


def test_a_unit_secretary_exports_only_their_windows_activity(activities, cast, client_for):
    rows = rows_of(client_for(cast["unit_secretary"]).get(URL))
    assert [r[2] for r in rows[1:]] == ["W-UA-1"]


@pytest.mark.parametrize("extra", [0, 4])
def test_the_query_count_does_not_grow_with_rows(activities, cast, client_for, member, extra, django_assert_num_queries):
    report = QuarterReport.objects.filter(window__code="W-UA-1").get()
    for i in range(extra):
        Activity.objects.create(report=report, date=datetime.date(2026, 2, 1 + i), kind="service", description="服务").participants.set([member])
    client = client_for(cast["committee_staff"])
    # 1 session, 2 user, 3 roles, 4 member record, 5 the count (small enough to send at once),
    # 6 activities with reports, years, windows and units, 7 participants
    with django_assert_num_queries(7):
        assert len(rows_of(client.get(URL))) == 3 + extra


def test_the_results_export_has_a_frozen_header_and_a_chinese_file_name(activities, cast, client_for):
    response = client_for(cast["committee_staff"]).get(reverse("evaluation:results_export", args=[2026]))
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    assert read_back(response).freeze_panes == "A2"
