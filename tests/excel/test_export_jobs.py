"""Exports above EXCEL_INLINE_EXPORT_ROWS run as a job: same scope and filters, file downloaded from the job page."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from members.jobs.models import Job
from members.models import Member
from tests.factories import MemberFactory

URL = reverse("members:excel:member_export")


@pytest.fixture(autouse=True)
def small_threshold(settings):
    settings.EXCEL_INLINE_EXPORT_ROWS = 3


@pytest.fixture
def roster(member, branch_a1, branch_a2, branch_b1):
    for number in ("A1-002", "A1-003", "A1-004"):
        MemberFactory(member_no=number, name=f"李{number}", branch=branch_a1)
    MemberFactory(member_no="A2-001", name="王强", branch=branch_a2)
    MemberFactory(member_no="B1-001", name="赵敏", branch=branch_b1)


def roster_branch_code():
    return Member.objects.get(member_no="A1-002").branch.code


def downloaded_rows(client, job):
    response = client.get(reverse("jobs:download", args=[job.pk]))
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [tuple(c.value for c in row) for row in wb.worksheets[0].iter_rows()]


def test_an_export_above_the_threshold_is_a_job_whose_file_has_the_rows(roster, cast, client_for):
    client = client_for(cast["admin"])
    response = client.get(URL)
    job = Job.objects.get(kind="excel.export")
    assert response.status_code == 302 and response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert (job.state, job.done, job.total, job.result_data) == (Job.State.DONE, 6, 6, {"rows": 6})
    assert job.result_name.startswith("党员名册-") and job.result_name.endswith(".xlsx")
    rows = downloaded_rows(client, job)
    assert rows[0][:3] == ("党员编号", "姓名", "性别")
    assert [r[0] for r in rows[1:]] == ["A1-001", "A1-002", "A1-003", "A1-004", "A2-001", "B1-001"]


def test_below_the_threshold_the_file_comes_at_once(roster, cast, client_for, settings):
    settings.EXCEL_INLINE_EXPORT_ROWS = 6
    response = client_for(cast["admin"]).get(URL)
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert not Job.objects.exists()


def test_the_job_keeps_the_lists_filters(roster, cast, client_for, settings):
    settings.EXCEL_INLINE_EXPORT_ROWS = 2  # the filter selects three
    client = client_for(cast["admin"])
    client.get(URL, {"q": "李"})
    job = Job.objects.get(kind="excel.export")
    assert job.params == {"code": "members", "query": "q=%E6%9D%8E"}
    assert [r[0] for r in downloaded_rows(client, job)[1:]] == ["A1-002", "A1-003", "A1-004"]


def test_the_job_rebuilds_the_scope_from_its_starter_not_from_its_params(roster, cast, client_for, run_job_now, branch_b1):
    # A forged branch filter (another unit's branch) narrows the starter's own scope, so it selects nothing;
    # the same job over the starter's own branch has its rows.
    forged = run_job_now(cast["secretary"], "excel.export", code="members", query=f"branch={branch_b1.code}")
    assert downloaded_rows(client_for(cast["secretary"]), forged)[1:] == []
    own = run_job_now(cast["secretary"], "excel.export", code="members", query=f"branch={roster_branch_code()}")
    assert [r[0] for r in downloaded_rows(client_for(cast["secretary"]), own)[1:]] == ["A1-001", "A1-002", "A1-003", "A1-004"]


def test_a_starter_who_lost_the_role_gets_no_file(roster, cast, run_job_now):
    from members.models import Role

    Role.objects.filter(user=cast["secretary"]).delete()
    job = run_job_now(cast["secretary"], "excel.export", code="members")
    assert job.state == Job.State.FAILED and not job.result_file
    assert "您的角色已变化" in job.message


def test_another_users_job_file_is_404(roster, cast, client_for):
    client_for(cast["secretary"]).get(URL)
    job = Job.objects.get(kind="excel.export")
    for role in ("other_secretary", "member"):
        assert client_for(cast[role]).get(reverse("jobs:download", args=[job.pk])).status_code == 404
    assert len(downloaded_rows(client_for(cast["secretary"]), job)) == 5


def test_an_organisation_export_above_the_threshold_is_a_job_too(cast, client_for, branch_a1, branch_a2, branch_b1):
    client = client_for(cast["committee_staff"])
    response = client.get(reverse("members:excel:organisation_export"))
    job = Job.objects.get(kind="excel.export")
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert [r[0] for r in downloaded_rows(client, job)[1:]] == ["C", "UA", "UA-1", "UA-2", "UB", "UB-1"]
