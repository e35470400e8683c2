"""Imports run as jobs: preview job → preview page → apply job, applied at most once, failures said in Chinese."""

import pytest
from django.urls import reverse

from members import excel_jobs
from members.jobs.models import Job
from members.jobs.services import Progress
from members.models import AuditEntry, Member
from tests.excel.helpers import upload
from tests.excel.test_member_import import APPLY, HEADER, UPLOAD, preview, preview_id, row, text

PREVIEW = reverse("members:excel:members_preview")


@pytest.fixture
def admin(cast, client_for):
    return client_for(cast["admin"])


def imported():
    return AuditEntry.objects.filter(action="members.members.imported")


def test_the_upload_starts_a_preview_job_whose_row_keeps_the_counts(admin, branch_a1):
    response = admin.post(UPLOAD, {"file": upload([HEADER, row("A1-101"), row("A1-102", born="x")])})
    job = Job.objects.get(kind=excel_jobs.PREVIEW)
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert (job.state, job.done, job.total) == (Job.State.DONE, 4, 4)
    assert job.result_data["counts"] == {"new": 1, "update": 0, "skip": 0, "invalid": 1}
    assert job.params["name"] == "名册.xlsx" and job.params["path"].startswith("excel-imports/members/")
    page = admin.get(response["Location"])
    assert f'href="{PREVIEW}?job={job.pk}" data-job-next' in page.content.decode()
    assert "新增 1" in text(page) and "有误 1" in text(page)
    status = admin.get(reverse("jobs:status", args=[job.pk])).json()
    assert status["next_url"] == f"{PREVIEW}?job={job.pk}"


def test_preview_then_apply_writes_the_rows_once(admin, branch_a1):
    page = preview(admin, [row("A1-101"), row("A1-102")])
    assert not Member.objects.filter(member_no__startswith="A1-10").exists()
    response = admin.post(APPLY, {"job": preview_id(page)})
    applying = Job.objects.get(kind=excel_jobs.APPLY)
    assert response["Location"] == reverse("jobs:detail", args=[applying.pk])
    assert applying.state == Job.State.DONE
    assert {k: applying.result_data[k] for k in ("new", "update", "skip")} == {"new": 2, "update": 0, "skip": 0}
    assert Member.objects.filter(member_no__startswith="A1-10").count() == 2
    assert imported().count() == 1


def test_pressing_apply_twice_writes_once(admin, branch_a1):
    job_id = preview_id(preview(admin, [row("A1-101")]))
    first = admin.post(APPLY, {"job": job_id})
    second = admin.post(APPLY, {"job": job_id})
    assert second["Location"] == first["Location"], "the second press shows the first apply"
    assert Job.objects.filter(kind=excel_jobs.APPLY).count() == 1
    assert Member.objects.filter(member_no="A1-101").count() == 1
    assert imported().count() == 1
    assert "已经导入过" in text(admin.get(second["Location"]))


def test_a_second_apply_job_of_the_same_upload_writes_nothing_and_says_so(run_job_now, admin_user, admin, branch_a1):
    # Two presses that both got past the page before either job ran: the claim decides.
    job_id = preview_id(preview(admin, [row("A1-101")]))
    first = run_job_now(admin_user, excel_jobs.APPLY, preview=job_id)
    second = run_job_now(admin_user, excel_jobs.APPLY, preview=job_id)
    assert first.state == Job.State.DONE
    assert (second.state, second.message) == (Job.State.FAILED, "这份上传已经导入过，没有再次导入任何数据。")
    assert Member.objects.filter(member_no="A1-101").count() == 1
    assert imported().count() == 1


def test_a_retried_apply_job_writes_once_and_ends_with_the_same_outcome(run_job_now, admin_user, admin, branch_a1):
    job_id = preview_id(preview(admin, [row("A1-101"), row("A1-102")]))
    applying = run_job_now(admin_user, excel_jobs.APPLY, preview=job_id)
    # The worker died after the commit but before the job was marked done: the job runs again from the start.
    Job.objects.filter(pk=applying.pk).update(state=Job.State.RUNNING, attempts=2)
    applying.refresh_from_db()
    again = excel_jobs.apply_import(applying, Progress(applying), preview=job_id)
    assert again == applying.result_data
    assert Member.objects.filter(member_no__startswith="A1-10").count() == 2
    assert imported().count() == 1


def test_an_apply_of_invalid_rows_writes_nothing_and_the_job_says_why_in_chinese(run_job_now, admin_user, admin, branch_a1):
    job_id = preview_id(preview(admin, [row("A1-101"), row("A1-102", born="not a date")]))
    # Started directly, past the page that would have refused it.
    applying = run_job_now(admin_user, excel_jobs.APPLY, preview=job_id)
    assert applying.state == Job.State.FAILED
    assert applying.message == "未导入任何数据：文件有问题，请更正后重新上传。"
    assert not Member.objects.filter(member_no__startswith="A1-10").exists()
    assert not imported().exists()
    assert "未导入任何数据" in text(admin.get(reverse("jobs:detail", args=[applying.pk])))


def test_another_users_preview_cannot_be_seen_nor_applied(cast, client_for, branch_a1):
    job_id = preview_id(preview(client_for(cast["admin"]), [row("A1-101")]))
    staff = client_for(cast["committee_staff"])
    assert staff.get(PREVIEW, {"job": job_id})["Location"] == UPLOAD
    assert staff.post(APPLY, {"job": job_id})["Location"] == UPLOAD
    assert not Job.objects.filter(kind=excel_jobs.APPLY).exists()


def test_an_apply_job_of_someone_elses_preview_fails(run_job_now, cast, client_for, branch_a1):
    job_id = preview_id(preview(client_for(cast["admin"]), [row("A1-101")]))
    applying = run_job_now(cast["committee_staff"], excel_jobs.APPLY, preview=job_id)
    assert applying.state == Job.State.FAILED and "已过期或不属于您" in applying.message
    assert not Member.objects.filter(member_no="A1-101").exists()


def test_a_preview_job_refuses_a_starter_who_lost_the_role(run_job_now, secretary, branch_a1):
    from members.models import Role

    Role.objects.filter(user=secretary).delete()
    job = run_job_now(secretary, excel_jobs.PREVIEW, code="members", path="excel-imports/members/x.xlsx", name="x.xlsx")
    assert job.state == Job.State.FAILED and "您的角色已变化" in job.message


def test_the_preview_lists_are_paginated(admin, branch_a1, monkeypatch):
    from members import views_excel

    monkeypatch.setattr(views_excel, "PREVIEW_ROW_LIMIT", 2)
    page = preview(admin, [row(f"A1-{i}") for i in range(5)])
    job_id = preview_id(page)
    assert "第 1 页，共 3 页" in text(page)
    last = admin.get(PREVIEW, {"job": job_id, "changes": 3})
    assert text(last).count("新增") == 2, "the count badge and the one row of the last page"
    assert "A1-4" in text(last) and "A1-0" not in text(last)


@pytest.mark.parametrize("extra", [0, 40])
def test_the_preview_page_query_count_does_not_grow(admin, branch_a1, extra, django_assert_num_queries):
    job_id = preview_id(preview(admin, [row(f"A1-{i}") for i in range(2 + extra)]))
    # 1 session, 2 user, 3 roles, 4 member record, 5 the preview's job (its rows come from the details
    # file), 6 unread notifications (the finished job left one)
    with django_assert_num_queries(6):
        response = admin.get(PREVIEW, {"job": job_id})
    assert f"新增 {2 + extra}" in text(response)
