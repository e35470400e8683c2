"""The member import writes in batches: what each row's save() did still happens, the queries do not grow with the rows."""

import datetime

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from members import bulk, excel_jobs, imports
from members.jobs.models import Job
from members.models import AuditEntry, Member
from pioneer import cachekeys
from tests.excel.helpers import upload
from tests.excel.test_member_import import HEADER, row
from tests.factories import MemberFactory


def preview_job(run_job_now, user, rows):
    path = imports.store_upload(user, upload=upload([HEADER, *rows]), spec=imports.SPECS["members"])
    return run_job_now(user, excel_jobs.PREVIEW, code="members", path=path, name="名册.xlsx")


def import_rows(run_job_now, user, rows):
    preview = preview_job(run_job_now, user, rows)
    assert preview.state == Job.State.DONE and preview.result_data["ok"], preview.result_data
    return run_job_now(user, excel_jobs.APPLY, preview=str(preview.pk))


def test_new_members_get_their_branchs_unit_and_committee_and_a_history_row_by_the_importer(
    run_job_now, admin_user, branch_a1, branch_b1
):
    applied = import_rows(run_job_now, admin_user, [row("A1-101"), row("B1-101", branch="UB-1")])
    assert applied.state == Job.State.DONE and applied.result_data["new"] == 2
    a, b = Member.objects.get(member_no="A1-101"), Member.objects.get(member_no="B1-101")
    assert (a.unit_id, a.committee_id) == (branch_a1.parent_id, branch_a1.committee_id)
    assert (b.unit_id, b.committee_id) == (branch_b1.parent_id, branch_b1.committee_id)
    assert a.created_at is not None and a.updated_at is not None
    for m in (a, b):
        assert [(h.history_type, h.history_user, h.name) for h in m.history.all()] == [("+", admin_user, "李娜")]


def test_a_changed_member_moves_with_their_branch_and_gets_a_history_row(run_job_now, admin_user, member, branch_b1):
    before = Member.objects.get(pk=member.pk).updated_at
    applied = import_rows(run_job_now, admin_user, [row("A1-001", name="张伟", branch="UB-1", 职务="副科长")])
    assert {k: applied.result_data[k] for k in ("new", "update")} == {"new": 0, "update": 1}
    member.refresh_from_db()
    assert (member.branch, member.unit_id, member.committee_id) == (branch_b1, branch_b1.parent_id, branch_b1.committee_id)
    assert member.position == "副科长" and member.updated_at > before
    latest = member.history.order_by("-history_date", "-history_id").first()
    assert (latest.history_type, latest.history_user, latest.position, latest.branch_id) == (
        "~",
        admin_user,
        "副科长",
        branch_b1.pk,
    )


def test_unchanged_rows_are_not_written(run_job_now, admin_user, member):
    MemberFactory(
        member_no="A1-002",
        branch=member.branch,
        name="王芳",
        gender="F",
        birth_date=datetime.date(1988, 3, 5),
        education="master",
        position="科员",
        specialties="数据分析",
        phone="13800138000",
        is_active=True,
    )
    preview = preview_job(run_job_now, admin_user, [row("A1-002", name="王芳")])
    assert preview.result_data["counts"]["skip"] == 1, preview.result_data
    applied = run_job_now(admin_user, excel_jobs.APPLY, preview=str(preview.pk))
    assert applied.state == Job.State.DONE
    assert Member.objects.get(member_no="A1-002").history.count() == 1, "only the factory's own row"


def test_an_applied_import_moves_the_public_pages_on(run_job_now, admin_user, branch_a1):
    preview = preview_job(run_job_now, admin_user, [row("A1-101")])
    seen = cachekeys.version("public")
    run_job_now(admin_user, excel_jobs.APPLY, preview=str(preview.pk))
    assert cachekeys.version("public") != seen


def test_a_batch_the_database_refuses_writes_nothing_at_all(run_job_now, admin_user, branch_a1, monkeypatch):
    from members.resources import MemberResource

    monkeypatch.setattr(MemberResource._meta, "batch_size", 2)
    written = bulk.create_members
    calls = []

    def second_batch_fails(members, **kwargs):
        calls.append(len(members))
        if len(calls) == 2:
            raise IntegrityError("duplicate key value violates unique constraint")
        return written(members, **kwargs)

    monkeypatch.setattr(bulk, "create_members", second_batch_fails)
    preview = preview_job(run_job_now, admin_user, [row(f"A1-10{i}") for i in range(5)])
    applied = run_job_now(admin_user, excel_jobs.APPLY, preview=str(preview.pk))
    assert calls[:2] == [2, 2]
    assert (applied.state, applied.message) == (Job.State.FAILED, "未导入任何数据：文件有问题，请更正后重新上传。")
    assert not Member.objects.filter(member_no__startswith="A1-10").exists()
    assert not Member.history.filter(member_no__startswith="A1-10").exists()
    assert not AuditEntry.objects.filter(action="members.members.imported").exists()
    preview.refresh_from_db()
    assert "duplicate key" in " ".join(preview.result_data["file_errors"])


@pytest.mark.parametrize("job", ["preview", "apply"])
def test_the_import_jobs_queries_do_not_grow_with_the_rows(run_job_now, admin_user, member, branch_a2, branch_b1, job):
    def queries(n):
        Member.objects.filter(member_no__startswith="N").delete()
        # One changed member and n new ones across three branches.
        rows = [row("A1-001", name="张伟", 职务=f"科长{n}")]
        rows += [row(f"N{n}-{i}", branch=("UA-1", "UA-2", "UB-1")[i % 3]) for i in range(n)]
        if job == "preview":
            path = imports.store_upload(admin_user, upload=upload([HEADER, *rows]), spec=imports.SPECS["members"])
            with CaptureQueriesContext(connection) as captured:
                done = run_job_now(admin_user, excel_jobs.PREVIEW, code="members", path=path, name="名册.xlsx")
        else:
            preview = preview_job(run_job_now, admin_user, rows)
            with CaptureQueriesContext(connection) as captured:
                done = run_job_now(admin_user, excel_jobs.APPLY, preview=str(preview.pk))
        assert done.state == Job.State.DONE, done.message
        return len(captured)

    assert queries(3) == queries(30)
