"""An administrator downloads the roster, edits it in a spreadsheet, uploads it, checks the preview and applies it."""

import pytest
from openpyxl import load_workbook

from members.models import AuditEntry, Member
from tests.browser.job_page import follow_job, job_outcome, wait_for_job

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_moves_the_roster_out_and_back_in(live_server, page, login_in_browser, cast, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    login_in_browser("admin")
    page.goto(f"{live_server.url}/members/")
    with page.expect_download() as info:
        page.get_by_role("link", name="导出 Excel").click()
    download = info.value
    assert download.suggested_filename.startswith("党员名册-") and download.suggested_filename.endswith(".xlsx")
    path = tmp_path / "roster.xlsx"
    download.save_as(path)

    wb = load_workbook(path)
    ws = wb.active
    header = [c.value for c in ws[1]]
    assert header[:2] == ["党员编号", "姓名"]
    ws.cell(row=2, column=header.index("职务") + 1, value="窗口科长")
    new_row = [None] * len(header)
    for column, value in {"党员编号": "A1-201", "姓名": "孙丽", "性别": "女", "出生日期": "1992年5月4日", "学历": "大学本科",
                          "职务": "科员", "党员类别": "正式党员", "干部": "否", "党支部代码": "UA-1", "在职": "是"}.items():
        new_row[header.index(column)] = value
    ws.append(new_row)
    wb.save(path)

    page.get_by_role("link", name="从 Excel 导入").click()
    page.set_input_files("input[type=file]", str(path))
    page.get_by_role("button", name="上传并预览").click()
    # The upload is checked by a job; its page leads to the preview once the job is done.
    follow_job(page)
    page.wait_for_selector("#import-counts")
    counts = page.inner_text("#import-counts")
    assert "新增 1" in counts and "修改 1" in counts and "有误 0" in counts
    assert "A1-201" in page.inner_text("#change-rows")
    assert not Member.objects.filter(member_no="A1-201").exists()

    page.click("#apply-import")
    page.wait_for_load_state()
    assert wait_for_job(page) == "已完成"
    assert "Excel 导入" in page.inner_text("h1")
    outcome = job_outcome(page)
    assert outcome["新增"] == "1" and outcome["修改"] == "1", outcome
    assert Member.objects.get(member_no="A1-201").name == "孙丽"
    assert Member.objects.get(member_no="A1-001").position == "窗口科长"
    assert AuditEntry.objects.filter(action="members.members.imported").count() == 1
    follow_job(page)
    assert page.url.endswith("/members/")
