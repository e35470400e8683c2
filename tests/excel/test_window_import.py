"""The service window import: by window code, only into units the user manages."""

import pytest
from django.urls import reverse

from posts.models import Window
from tests.excel.helpers import preview_of, rows_of, upload
from tests.excel.test_member_import import preview_id, text

UPLOAD = reverse("members:excel:windows_upload")
APPLY = reverse("members:excel:windows_apply")
HEADER = ["窗口编码", "窗口名称", "单位代码", "地点", "服务时间", "电话", "创建主题", "开放"]


def preview(client, rows, header=HEADER):
    response = client.post(UPLOAD, {"file": upload([header, *rows], name="窗口.xlsx")})
    return preview_of(client, response)


def test_a_unit_secretary_creates_and_updates_windows_of_their_unit(cast, client_for, unit_a):
    Window.objects.create(organisation=unit_a, code="W-UA-1", name="旧名称")
    client = client_for(cast["unit_secretary"])
    response = preview(client, [["W-UA-1", "审批大厅一号窗口", "UA", "市民中心", "9:00-17:00", "+86 10 1234", "", "是"],
                                ["W-UA-2", "审批大厅二号窗口", "UA", "", "", "", "", "是"]])
    assert "新增 1" in text(response) and "修改 1" in text(response)
    client.post(APPLY, {"job": preview_id(response)})
    assert Window.objects.get(code="W-UA-1").name == "审批大厅一号窗口"
    assert Window.objects.get(code="W-UA-2").phone == ""
    assert Window.objects.get(code="W-UA-1").phone == "+86 10 1234"


def test_windows_of_another_unit_or_a_branch_are_refused(cast, client_for, unit_a, unit_b, branch_a1):
    client = client_for(cast["unit_secretary"])
    response = preview(client, [["W-UA-9", "好窗口", "UA", "", "", "", "", "是"],
                                ["W-UB-9", "别人的窗口", "UB", "", "", "", "", "是"],
                                ["W-A1-9", "支部窗口", "UA-1", "", "", "", "", "是"]])
    page = text(response)
    assert "有误 2" in page and "区公安分局党委不是您管理的组织" in page and "不是单位党组织" in page
    client.post(APPLY, {"job": preview_id(response)})
    assert not Window.objects.exists()


def test_the_window_export_imports_back_unchanged(cast, client_for, unit_a):
    Window.objects.create(organisation=unit_a, code="W-UA-1", name="一号窗口", phone="+86 10 1234", theme="=爱我岗位")
    client = client_for(cast["committee_staff"])
    exported = rows_of(client.get(reverse("members:excel:windows_export")))
    response = preview(client, exported[1:], header=exported[0])
    assert "未变 1" in text(response) and "修改 0" in text(response)


def test_the_template_imports(cast, client_for, unit_a):
    client = client_for(cast["admin"])
    rows = rows_of(client.get(reverse("members:excel:windows_template")))
    assert "新增 1" in text(preview(client, rows[1:], header=rows[0]))


@pytest.mark.parametrize("role", ["secretary", "member"])
def test_branch_secretaries_and_members_may_not_import_windows(cast, client_for, role):
    assert client_for(cast[role]).get(UPLOAD).status_code == 403
