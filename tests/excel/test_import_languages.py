"""An import's preview reads in the language of whoever opens it, not of whoever uploaded the file.

The preview job runs in its starter's language; its problems, changes and file errors are stored as
messages (key and parameters) and rendered when the page is read.
"""

import datetime
import json

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from members import excel_jobs, imports
from members.jobs.models import Job
from tests.excel.test_member_import import HEADER, preview, preview_id, row, text
from tests.factories import MemberFactory

PREVIEW = reverse("members:excel:members_preview")


@pytest.fixture
def admin(cast, client_for):
    return client_for(cast["admin"])


def reading_in(client, settings, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.fixture
def existing(branch_a1):
    return MemberFactory(member_no="A1-050", name="王强", branch=branch_a1, gender="F", position="科员", is_cadre=False,
                         birth_date=datetime.date(1988, 3, 5), education="master", standing="full", phone="13800138000",
                         specialties="数据分析", job_title="", qualifications="", is_active=True)


def rows_for_preview():
    # A1-050 changes its position and becomes a cadre; A1-102 has a date that is not one.
    return [row("A1-050", name="王强", 职务="科长", 干部="是"), row("A1-102", born="x")]


def test_a_chinese_upload_reads_in_english_to_an_english_reader(admin, settings, existing):
    page = preview(admin, rows_for_preview())
    job = Job.objects.get(kind=excel_jobs.PREVIEW)
    assert job.language == "zh-hans"
    assert "职务：科员 → 科长" in text(page) and "不是日期" in text(page)
    english = text(reading_in(admin, settings, "en").get(PREVIEW, {"job": preview_id(page)}))
    assert "position: 科员 → 科长" in english
    assert "cadre: no → yes" in english, "a yes/no reads in the reader's language"
    assert "date of birth: “x” is not a date; write 2026-03-05 or 2026年3月5日." in english
    assert "职务" not in english and "不是日期" not in english


def test_an_english_upload_reads_in_chinese_to_a_chinese_reader(admin, settings, existing):
    reading_in(admin, settings, "en")
    page = preview(admin, rows_for_preview())
    assert Job.objects.get(kind=excel_jobs.PREVIEW).language == "en"
    assert "position: 科员 → 科长" in text(page)
    chinese = text(reading_in(admin, settings, "zh-hans").get(PREVIEW, {"job": preview_id(page)}))
    assert "职务：科员 → 科长" in chinese and "干部：否 → 是" in chinese
    assert "出生日期：“x”不是日期" in chinese
    assert "position" not in chinese and "is not a date" not in chinese


def test_file_errors_are_stored_as_messages_and_read_in_the_readers_language(admin, settings, branch_a1):
    header = [h for h in HEADER if h != "党员编号"] + ["外号"]
    page = preview(admin, [row()[1:] + ["小李"]], header=header)
    job = Job.objects.get(kind=excel_jobs.PREVIEW)
    assert job.result_data["file_errors"] == [
        {"_msg": "The column “%(name)s” is not one we know; check its spelling against the template.", "params": {"name": "外号"}},
        {"_msg": "The column “%(name)s” is missing.", "params": {"name": {"_msg": "member number", "params": {}}}},
    ]
    assert "“外号”" in text(page) and "“党员编号”" in text(page)
    english = text(reading_in(admin, settings, "en").get(PREVIEW, {"job": preview_id(page)}))
    assert "The column “外号” is not one we know; check its spelling against the template." in english
    assert "The column “member number” is missing." in english


def test_a_refused_upload_keeps_the_refusal_as_a_message(run_job_now, admin_user, admin, settings, branch_a1):
    old_excel = SimpleUploadedFile("old.xlsx", b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    path = imports.store_upload(admin_user, upload=old_excel, spec=imports.SPECS["members"])
    with translation.override("zh-hans"):
        job = run_job_now(admin_user, excel_jobs.PREVIEW, code="members", path=path, name="old.xlsx")
    assert job.state == Job.State.DONE and job.language == "zh-hans"
    said = "This is an old Excel file (.xls). Open it in Excel and save it as .xlsx."
    assert job.result_data["file_errors"] == [{"_msg": said, "params": {}}]
    english = text(reading_in(admin, settings, "en").get(PREVIEW, {"job": str(job.pk)}))
    assert said in english


def test_a_preview_stored_as_plain_text_before_still_shows(admin, settings, branch_a1):
    page = preview(admin, [row("A1-101"), row("A1-102", born="x")])
    job = Job.objects.get(kind=excel_jobs.PREVIEW)
    details = job.result_data["details"]
    with default_storage.open(details, "rb") as handle:
        rows = json.load(handle)
    assert any(isinstance(p, dict) for r in rows for p in r["problems"]), "this preview stored messages"
    # As a preview written before problems were stored as messages: text in its starter's language.
    old = [{"number": 3, "key": "A1-102", "status": "invalid", "problems": ["出生日期: “x”不是日期"], "changes": []},
           {"number": 2, "key": "A1-101", "status": "new", "problems": [], "changes": ["职务: — → 科员"]}]
    default_storage.delete(details)
    default_storage.save(details, SimpleUploadedFile("d.json", json.dumps(old, ensure_ascii=False).encode()))
    Job.objects.filter(pk=job.pk).update(result_data={**job.result_data, "file_errors": ["文件有旧的问题"], "ok": False})
    shown = text(reading_in(admin, settings, "en").get(PREVIEW, {"job": preview_id(page)}))
    assert "出生日期: “x”不是日期" in shown and "职务: — → 科员" in shown and "文件有旧的问题" in shown


def test_a_duplicate_post_names_both_key_columns_and_its_rows_in_the_readers_language(admin, settings, branch_a1):
    from tests.excel.test_post_import import preview as post_preview
    from tests.excel.test_post_import import row as post_row

    page = post_preview(admin, [post_row(), post_row(), post_row()])
    assert "组织代码 / 岗位名称“UA-1 / 政策咨询岗”在第 3、4 行重复出现" in text(page)
    english = text(reading_in(admin, settings, "en").get(reverse("members:excel:posts_preview"), {"job": preview_id(page)}))
    assert "The organisation code / post title “UA-1 / 政策咨询岗” also appears on row 3, 4." in english


def test_django_s_plural_length_message_reads_in_each_readers_language(admin, settings, branch_a1):
    page = preview(admin, [row("A1-103", name="王" * 60)])
    assert "最多填写 50 个字（现为 60 个字）。" in text(page)
    english = text(reading_in(admin, settings, "en").get(PREVIEW, {"job": preview_id(page)}))
    assert "Ensure this value has at most 50 characters (it has 60)." in english and "最多" not in english
