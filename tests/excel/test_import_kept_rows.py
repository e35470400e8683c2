"""The preview keeps the rows it read; the apply checks and writes those, without parsing the workbook again."""

import datetime

import tablib
from django.core.files.storage import default_storage

from members import excel_jobs, imports
from members.jobs.models import Job
from members.models import Member
from pioneer import excel
from tests.excel.helpers import upload
from tests.excel.test_member_import import HEADER, row


def preview_job(run_job_now, user, rows):
    path = imports.store_upload(user, upload=upload([HEADER, *rows]), spec=imports.SPECS["members"])
    return run_job_now(user, excel_jobs.PREVIEW, code="members", path=path, name="名册.xlsx")


def test_every_kind_of_cell_comes_back_as_it_was_read(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    cells = [
        "文本",
        12345,
        1.5,
        True,
        False,
        None,
        datetime.datetime(1988, 3, 5, 8, 30),
        datetime.date(1988, 3, 5),
        datetime.time(9, 15, 30),
        datetime.timedelta(hours=36, seconds=1),
    ]
    dataset = tablib.Dataset(headers=[f"c{i}" for i in range(len(cells))])
    dataset.append(cells)
    path = excel_jobs.keep_rows("excel-imports/members/x-rows.json", dataset, [2])
    back, numbers = excel_jobs.kept_rows(path)
    assert numbers == [2] and back.headers == dataset.headers
    assert [(type(v), v) for v in back[0]] == [(type(v), v) for v in cells]


def test_the_apply_writes_the_rows_the_preview_read_without_reading_the_workbook(run_job_now, admin_user, branch_a1, monkeypatch):
    preview = preview_job(run_job_now, admin_user, [row("A1-101", born=datetime.date(1988, 3, 5)), row(12345, 电话=13800138000)])
    assert preview.result_data["ok"] and default_storage.exists(preview.result_data["rows_file"])

    def no_second_reading(fileobj):
        raise AssertionError("the apply parsed the workbook again")

    monkeypatch.setattr(excel, "load_rows", no_second_reading)
    applied = run_job_now(admin_user, excel_jobs.APPLY, preview=str(preview.pk))
    assert applied.state == Job.State.DONE, applied.message
    assert Member.objects.get(member_no="A1-101").birth_date == datetime.date(1988, 3, 5)
    assert Member.objects.get(member_no="12345").phone == "13800138000"
    assert not default_storage.exists(preview.result_data["rows_file"]), "discarded with the upload"


def test_without_the_kept_rows_the_apply_reads_the_workbook_again(run_job_now, admin_user, branch_a1):
    preview = preview_job(run_job_now, admin_user, [row("A1-101")])
    default_storage.delete(preview.result_data["rows_file"])
    applied = run_job_now(admin_user, excel_jobs.APPLY, preview=str(preview.pk))
    assert applied.state == Job.State.DONE, applied.message
    assert Member.objects.filter(member_no="A1-101").exists()


def test_the_kept_rows_are_checked_again_at_the_apply(run_job_now, admin_user, branch_a1):
    # The preview was clean; by the apply another import has taken the branch code away from a branch.
    preview = preview_job(run_job_now, admin_user, [row("A1-101")])
    branch_a1.__class__.objects.filter(pk=branch_a1.pk).update(code="UA-9")
    applied = run_job_now(admin_user, excel_jobs.APPLY, preview=str(preview.pk))
    assert applied.state == Job.State.FAILED
    assert not Member.objects.filter(member_no="A1-101").exists()
