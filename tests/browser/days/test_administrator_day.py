"""An administrator's day: exports the roster, changes it in a spreadsheet and imports it back through the preview."""

import pytest
from openpyxl import load_workbook

from members.models import AuditEntry, Member
from tests.browser.job_page import follow_job, job_outcome, wait_for_job

pytestmark = [pytest.mark.browser]


def administrator_day(tour, tmp_path):
    page = tour.page
    tour.role = "admin"
    tour.login("admin")
    tour.check()
    tour.go("/members/")
    tour.check("members")
    with page.expect_download() as info:
        page.locator("main a[href$='/excel/members/export/']").click()
    path = tmp_path / "roster.xlsx"
    info.value.save_as(path)

    sheet_book = load_workbook(path)
    sheet = sheet_book.active
    header = [c.value for c in sheet[1]]
    assert header[:2] == ["党员编号", "姓名"]
    first = Member.objects.order_by("member_no").first()
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == first.member_no)
    assert row[1].value == first.name
    row[header.index("职务")].value = "窗口科长"
    new_row = [None] * len(header)
    for column, value in {"党员编号": "YZ0901", "姓名": "孙丽", "性别": "女", "出生日期": "1992年5月4日", "学历": "大学本科",
                          "职务": "科员", "党员类别": "正式党员", "干部": "否", "党支部代码": "XZSP-1", "在职": "是"}.items():
        new_row[header.index(column)] = value
    sheet.append(new_row)
    sheet_book.save(path)

    tour.click("main a[href$='/excel/members/import/']")
    tour.check()
    page.set_input_files("main input[type=file]", str(path))
    # The upload is checked by a job: its page shows the progress, then leads to the preview.
    tour.click("main form [type=submit]")
    tour.check()
    follow_job(page)
    page.wait_for_selector("#import-counts")
    tour.check("import-preview")
    counts = page.inner_text("#import-counts")
    assert "新增 1" in counts and "修改 1" in counts and "有误 0" in counts
    assert not Member.objects.filter(member_no="YZ0901").exists()

    # Applying is a job too: its finished page reports the counts and leads back to the list.
    tour.click("#apply-import")
    tour.check()
    assert wait_for_job(page) == "已完成"
    tour.check("import-done")
    outcome = job_outcome(page)
    assert outcome["新增"] == "1" and outcome["修改"] == "1", outcome
    assert Member.objects.get(member_no="YZ0901").name == "孙丽"
    assert Member.objects.get(pk=first.pk).position == "窗口科长"
    assert AuditEntry.objects.filter(action="members.members.imported").count() == 1
    follow_job(page)
    assert page.url.endswith("/members/")
    tour.check()
    page.fill("#id_q", "YZ0901")
    tour.click("main form[role=search] button")
    assert "孙丽" in tour.main_text()


def test_an_administrators_day(tour, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    administrator_day(tour, tmp_path)
