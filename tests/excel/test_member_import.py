"""The member import: upload → preview → apply, every bad input, scope, round trip, all-or-nothing."""

import datetime
import os
import re
import time

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from members.models import AuditEntry, Member
from tests.excel.helpers import preview_of, rows_of, upload
from tests.factories import MemberFactory

UPLOAD = reverse("members:excel:members_upload")
APPLY = reverse("members:excel:members_apply")
CANCEL = reverse("members:excel:members_cancel")
EXPORT = reverse("members:excel:member_export")

HEADER = ["党员编号", "姓名", "性别", "出生日期", "学历", "职务", "职称", "职业资格", "专长", "党员类别", "干部", "电话", "党支部代码", "在职"]


def row(no="A1-101", name="李娜", born="1988-03-05", branch="UA-1", **changes):
    values = dict(zip(HEADER, [no, name, "女", born, "硕士研究生", "科员", "", "", "数据分析", "正式党员", "否", "13800138000", branch, "是"],
                      strict=True))
    values.update(changes)
    return [values[h] for h in HEADER]


def preview(client, rows, header=HEADER, name="名册.xlsx"):
    return preview_of(client, client.post(UPLOAD, {"file": upload([header, *rows], name=name)}))


def preview_id(response):
    return re.search(r'name="job" value="([^"]+)"', response.content.decode()).group(1)


def text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def admin(cast, client_for):
    return client_for(cast["admin"])


def test_preview_shows_new_changed_unchanged_and_writes_nothing(admin, member):
    existing = MemberFactory(member_no="A1-050", name="王强", branch=member.branch, gender="M", birth_date=datetime.date(1980, 1, 1))
    rows = rows_of(admin.get(EXPORT))[1:]  # A1-001 and A1-050 as they are
    changed = list(rows[1])
    changed[5] = "副科长"
    response = preview(admin, [rows[0], changed, [*row("A1-101")[:13], "", "是"]], header=rows_of(admin.get(EXPORT))[0])
    counts = text(response)
    assert "新增 1" in counts and "修改 1" in counts and "未变 1" in counts and "有误 0" in counts
    assert "确认导入" in counts
    assert "职务：科员 → 副科长" in counts
    existing.refresh_from_db()
    assert existing.position == "科员"
    assert not Member.objects.filter(member_no="A1-101").exists()


def test_apply_writes_everything_and_leaves_one_audit_entry(admin, member):
    response = preview(admin, [row("A1-101"), row("A1-102", name="赵敏", born="1990年7月1日")])
    response = admin.post(APPLY, {"job": preview_id(response)})
    assert response.status_code == 302 and response["Location"].startswith("/jobs/")
    page = text(admin.get(response["Location"]))
    assert "新增 2" in page and "已完成" in page
    assert f'href="{reverse("members:list")}"' in admin.get(response["Location"]).content.decode()
    li, zhao = Member.objects.get(member_no="A1-101"), Member.objects.get(member_no="A1-102")
    assert (li.name, li.gender, li.birth_date, li.education, li.branch.code) == ("李娜", "F", datetime.date(1988, 3, 5), "master", "UA-1")
    assert zhao.birth_date == datetime.date(1990, 7, 1)
    entry = AuditEntry.objects.get(action__endswith="imported")
    assert entry.action == "members.members.imported"
    assert "新增 2 条" in entry.reason and "名册.xlsx" in entry.reason
    assert not default_storage.listdir("excel-imports/members")[1], "the upload is discarded after applying"


def test_the_upload_is_kept_in_the_default_storage_until_confirmed(admin, branch_a1):
    response = preview(admin, [row()])
    stored = sorted(default_storage.listdir("excel-imports/members")[1], key=lambda n: (n.endswith(".json"), n))
    # The workbook, the preview's report and the rows as read (for the apply), all in the shared storage,
    # never on a server's own disk.
    assert len(stored) == 3 and stored[0].endswith(".xlsx")
    assert stored[1:] == [stored[0][:-5] + "-preview.json", stored[0][:-5] + "-rows.json"]
    admin.post(CANCEL, {"job": preview_id(response)})
    assert not default_storage.listdir("excel-imports/members")[1]
    assert not Member.objects.filter(member_no="A1-101").exists()


def test_expired_uploads_are_purged_when_the_next_one_arrives(admin, branch_a1):
    preview(admin, [row()])
    preview(admin, [row()])
    old, recent = sorted(default_storage.listdir("excel-imports/members")[1], key=lambda n: n.endswith(".json"))[:2]
    seven_hours_ago = time.time() - 7 * 3600
    kept = (old, old[:-5] + "-preview.json", old[:-5] + "-rows.json")
    for name in kept:
        os.utime(default_storage.path(f"excel-imports/members/{name}"), (seven_hours_ago, seven_hours_ago))
    preview(admin, [row()])
    left = default_storage.listdir("excel-imports/members")[1]
    assert not set(kept) & set(left) and recent in left and len(left) == 6


def test_round_trip_changes_nothing(admin, member, branch_b1):
    MemberFactory(member_no="B1-001", branch=branch_b1, phone="+86 138 0013 8000", specialties="=SUM(A1)", job_title="-",
                  qualifications="多行\n文本", is_cadre=True, standing="probationary", gender="F")
    before = list(Member.objects.order_by("pk").values())
    exported = rows_of(admin.get(EXPORT))
    response = preview(admin, exported[1:], header=exported[0])
    assert "新增 0" in text(response) and "修改 0" in text(response) and "未变 2" in text(response)
    admin.post(APPLY, {"job": preview_id(response)})
    assert list(Member.objects.order_by("pk").values()) == before


def test_an_english_export_imports_back_unchanged(admin, member, branch_b1, settings):
    # The English roster has both "branch code" and the branch's name: the name's header must not read as the code's key.
    MemberFactory(member_no="B1-001", branch=branch_b1)
    before = list(Member.objects.order_by("pk").values())
    admin.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    exported = rows_of(admin.get(EXPORT))
    assert "branch code" in exported[0]
    response = preview(admin, exported[1:], header=exported[0])
    assert "appears twice" not in text(response)
    assert "new 0" in text(response) and "changed 0" in text(response) and "unchanged 2" in text(response)
    admin.post(APPLY, {"job": preview_id(response)})
    assert list(Member.objects.order_by("pk").values()) == before


def test_one_failing_row_means_nothing_is_written(admin, member):
    response = preview(admin, [row("A1-101"), row("A1-102", born="not a date")])
    assert "有误 1" in text(response)
    assert "“not a date”不是日期" in text(response)
    assert "确认导入" not in text(response)
    # Even forcing the apply (say, a stale form) writes nothing.
    response = admin.post(APPLY, {"job": preview_id(response)})
    assert response.status_code == 200
    assert "未导入任何数据" in text(response)
    assert not Member.objects.filter(member_no__in=["A1-101", "A1-102"]).exists()
    assert not AuditEntry.objects.filter(action__endswith="imported").exists()


def test_a_row_failing_at_the_database_rolls_back_the_rows_before_it(admin, member, monkeypatch):
    from members.resources import MemberResource

    original = MemberResource.save_instance

    def explode_on_second(self, instance, is_create, row, **kwargs):
        if instance.member_no == "A1-102" and not kwargs.get("dry_run"):
            raise RuntimeError("disk full")
        return original(self, instance, is_create, row, **kwargs)

    monkeypatch.setattr(MemberResource, "save_instance", explode_on_second)
    response = preview(admin, [row("A1-101"), row("A1-102")])
    job_page = admin.post(APPLY, {"job": preview_id(response)})["Location"]
    page = admin.get(job_page)
    # The failed job says why in Chinese and links to the rows as the apply found them.
    assert "失败" in text(page) and "未导入任何数据" in text(page)
    details = re.search(r'href="([^"]+)" data-job-next', page.content.decode()).group(1).replace("&amp;", "&")
    assert "此行无法保存" in text(admin.get(details))
    assert not Member.objects.filter(member_no="A1-101").exists()


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        ({"出生日期": "2026年13月45日"}, "不是日期"),
        ({"党支部代码": "NOPE"}, "没有代码为“NOPE”的组织"),
        ({"党支部代码": "UA"}, "不是党支部"),
        ({"党支部代码": ""}, "不能为空"),
        ({"姓名": "长" * 51}, "最多填写 50 个字"),
        ({"性别": "未知"}, "不是可选值之一"),
        ({"干部": "也许"}, "请填写“是”或“否”"),
        ({"出生日期": "2099-01-01"}, "出生日期不能晚于今天"),
        ({"电话": "call me"}, "有效的电话号码"),
        ({"党员编号": "A1 101"}, "只能使用字母"),
    ],
)
def test_bad_cells_are_reported_per_row_in_chinese(admin, branch_a1, branch_a2, cells, problem):
    response = preview(admin, [row("A1-100"), row(**cells)])
    page = text(response)
    assert "有误 1" in page, page[:3000]
    assert problem in page
    assert re.search(r"<td>3</td>", response.content.decode()), "the Excel row number is shown"
    assert not Member.objects.filter(member_no__in=["A1-100", "A1-101"]).exists()


def test_chinese_and_iso_dates_and_real_date_cells_are_accepted(admin, branch_a1):
    rows = [row("A1-101", born="1988年3月5日"), row("A1-102", born="1988-03-05"), row("A1-103", born=datetime.date(1988, 3, 5))]
    response = preview(admin, rows)
    assert "新增 3" in text(response)
    admin.post(APPLY, {"job": preview_id(response)})
    assert set(Member.objects.filter(member_no__startswith="A1-10").values_list("birth_date", flat=True)) == {datetime.date(1988, 3, 5)}


def test_duplicate_keys_in_the_file_are_reported(admin, branch_a1):
    response = preview(admin, [row("A1-101"), row("A1-102"), row("A1-101", name="李娜娜")])
    page = text(response)
    assert "有误 2" in page
    assert "党员编号“A1-101”在第 4 行重复出现" in page and "在第 2 行重复出现" in page
    admin.post(APPLY, {"job": preview_id(response)})
    assert not Member.objects.filter(member_no__startswith="A1-10").exists()


def test_a_missing_column_refuses_the_file(admin, branch_a1):
    header = [h for h in HEADER if h != "出生日期"]
    response = preview(admin, [[c for h, c in zip(HEADER, row(), strict=True) if h != "出生日期"]], header=header)
    page = text(response)
    assert "该文件不能导入" in page and "缺少列“出生日期”" in page
    assert "确认导入" not in page


def test_a_renamed_column_is_reported_by_name(admin, branch_a1):
    header = ["生日" if h == "出生日期" else h for h in HEADER]
    page = text(preview(admin, [row()], header=header))
    assert "无法识别列“生日”" in page and "缺少列“出生日期”" in page


def test_english_headers_are_accepted_too(admin, branch_a1):
    header = ["member number", "full name", "gender", "date of birth", "education", "position", "professional title",
              "professional qualifications", "specialties", "party standing", "cadre", "phone", "branch code", "in service"]
    response = preview(admin, [["A1-101", "Li Na", "Female", "1988-03-05", "Master's degree", "clerk", "", "", "", "Full member",
                                "no", "", "UA-1", "yes"]], header=header)
    assert "新增 1" in text(response)


def test_an_empty_workbook_and_a_header_only_workbook_are_refused(admin, branch_a1):
    assert "工作簿是空的" in text(preview(admin, [], header=[]))
    assert "只有表头" in text(preview(admin, [], header=HEADER))


@pytest.mark.parametrize(
    ("content", "name", "problem"),
    [
        (b"member_no,name\n1,2\n", "名册.xlsx", "不是 Excel 工作簿"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "名册.xlsx", "旧版 Excel"),
        (None, "名册.csv", "请上传 Excel 工作簿"),
    ],
)
def test_files_that_are_not_workbooks_are_refused_at_upload(admin, branch_a1, content, name, problem):
    response = admin.post(UPLOAD, {"file": upload([HEADER, row()], content=content, name=name)})
    assert response.status_code == 200
    assert problem in text(response)
    assert not default_storage.exists("excel-imports/members") or not default_storage.listdir("excel-imports/members")[1]


def test_an_oversized_upload_is_refused(admin, branch_a1, settings):
    settings.EXCEL_MAX_UPLOAD_BYTES = 2000
    response = admin.post(UPLOAD, {"file": upload([HEADER, *[row(f"A1-{i}") for i in range(100)]])})
    assert "文件太大" in text(response)


def test_too_many_rows_are_refused(admin, branch_a1, settings):
    settings.EXCEL_MAX_ROWS = 2
    assert "文件超过 2 行" in text(preview(admin, [row("A1-1"), row("A1-2"), row("A1-3")]))


def test_a_secretary_imports_into_their_own_branch(cast, client_for, branch_a1):
    client = client_for(cast["secretary"])
    response = preview(client, [row("A1-101")])
    client.post(APPLY, {"job": preview_id(response)})
    assert Member.objects.get(member_no="A1-101").branch == branch_a1


def test_a_secretary_cannot_import_rows_of_another_branch(cast, client_for, branch_a1, branch_b1):
    client = client_for(cast["secretary"])
    response = preview(client, [row("A1-101"), row("B1-101", branch="UB-1")])
    page = text(response)
    assert "有误 1" in page and "公安分局第一党支部不是您管理的组织" in page
    client.post(APPLY, {"job": preview_id(response)})
    assert not Member.objects.filter(member_no__in=["A1-101", "B1-101"]).exists()


def test_a_secretary_cannot_move_another_branchs_member_into_theirs(cast, client_for, branch_a1, branch_b1):
    MemberFactory(member_no="B1-001", branch=branch_b1)
    page = text(preview(client_for(cast["secretary"]), [row("B1-001", branch="UA-1")]))
    assert "公安分局第一党支部不是您管理的组织" in page
    assert Member.objects.get(member_no="B1-001").branch == branch_b1


def test_someone_elses_upload_cannot_be_applied(cast, client_for, branch_a1):
    response = preview(client_for(cast["admin"]), [row("A1-101")])
    token = preview_id(response)
    other = client_for(cast["committee_staff"])
    response = other.post(APPLY, {"token": token})
    assert response.status_code == 302 and response["Location"] == UPLOAD
    assert not Member.objects.filter(member_no="A1-101").exists()


def test_a_forged_token_is_refused(admin, branch_a1):
    response = admin.get(reverse("members:excel:members_preview"), {"token": "x"})
    assert response.status_code == 302 and response["Location"] == UPLOAD


def test_the_template_has_headers_and_an_example_row_that_imports(admin, branch_a1):
    response = admin.get(reverse("members:excel:members_template"))
    assert "filename*=UTF-8''%E5%85%9A%E5%91%98" in response["Content-Disposition"]  # 党员导入模板
    rows = rows_of(response)
    assert rows[0][:3] == ("党员编号", "姓名", "性别")
    assert len(rows) == 2
    response = preview(admin, rows[1:], header=rows[0])
    assert "新增 1" in text(response), text(response)[:2000]


def test_a_long_preview_lists_the_first_rows_and_counts_the_rest(admin, branch_a1, monkeypatch):
    from members import views_excel

    monkeypatch.setattr(views_excel, "PREVIEW_ROW_LIMIT", 2)
    response = preview(admin, [row(f"A1-{i}") for i in range(5)] + [row(f"A1-9{i}", born="x") for i in range(4)])
    page = text(response)
    assert "新增 5" in page and "有误 4" in page
    assert "另有 3 行。" in page and "另有 2 行有问题。" in page


def test_numbers_typed_as_numbers_are_read_as_text(admin, branch_a1):
    response = preview(admin, [row(12345, 电话=13800138000)])
    admin.post(APPLY, {"job": preview_id(response)})
    assert Member.objects.get(member_no="12345").phone == "13800138000"
