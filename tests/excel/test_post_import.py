"""The pioneer post import: by organisation code and post title, within the limit of posts per organisation."""

import pytest
from django.urls import reverse

from posts.models import Post
from tests.excel.helpers import preview_of, rows_of, upload
from tests.excel.test_member_import import preview_id, text

UPLOAD = reverse("members:excel:posts_upload")
APPLY = reverse("members:excel:posts_apply")
HEADER = ["组织代码", "岗位名称", "类型", "岗位职责", "专长要求", "资格要求", "最低年龄", "最高年龄", "名额", "开放认岗",
          "办理材料", "办理时限（工作日）", "监督电话"]


def row(org="UA-1", title="政策咨询岗", **changes):
    values = dict(zip(HEADER, [org, title, "窗口服务岗", "解答政策咨询", "政策咨询", "", 22, 55, 2, "是", "身份证", 3, "12345"], strict=True))
    values.update(changes)
    return [values[h] for h in HEADER]


def preview(client, rows, header=HEADER):
    response = client.post(UPLOAD, {"file": upload([header, *rows], name="岗位.xlsx")})
    return preview_of(client, response)


def test_a_secretary_creates_and_updates_posts_of_their_branch(cast, client_for, branch_a1):
    Post.objects.create(organisation=branch_a1, title="政策咨询岗", duties="旧职责")
    client = client_for(cast["secretary"])
    response = preview(client, [row(), row(title="帮办代办岗", 最低年龄="", 最高年龄="")])
    assert "新增 1" in text(response) and "修改 1" in text(response), text(response)
    client.post(APPLY, {"job": preview_id(response)})
    assert Post.objects.get(title="政策咨询岗").duties == "解答政策咨询"
    new = Post.objects.get(title="帮办代办岗")
    assert (new.organisation, new.min_age, new.capacity, new.kind) == (branch_a1, None, 2, "public")


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        ({"组织代码": "UB-1"}, "不是您管理的组织"),
        ({"组织代码": "NOPE"}, "没有代码为“NOPE”的组织"),
        ({"最低年龄": "很年轻"}, "不是整数"),
        ({"最低年龄": 60, "最高年龄": 30}, "最低年龄不能高于最高年龄"),
        ({"类型": "别的"}, "不是可选值之一"),
    ],
)
def test_bad_rows_are_reported_and_nothing_is_written(cast, client_for, branch_a1, branch_b1, cells, problem):
    client = client_for(cast["secretary"])
    response = preview(client, [row(title="好岗位"), row(**cells)])
    assert problem in text(response), text(response)
    client.post(APPLY, {"job": preview_id(response)})
    assert not Post.objects.exists()


def test_duplicate_posts_in_the_file_are_reported(cast, client_for, branch_a1):
    page = text(preview(client_for(cast["secretary"]), [row(), row()]))
    assert "有误 2" in page and "UA-1 / 政策咨询岗" in page


def test_an_organisation_cannot_get_more_than_ten_posts(cast, client_for, branch_a1):
    page = text(preview(client_for(cast["secretary"]), [row(title=f"岗位{i}") for i in range(11)]))
    assert "有误 1" in page and "超过 10 个" in page


def test_the_post_export_imports_back_unchanged(cast, client_for, branch_a1):
    Post.objects.create(organisation=branch_a1, title="政策咨询岗", duties="=解答", min_age=20, legal_basis="=《条例》",
                        service_materials="身份证", time_limit_days=3, supervision_phone="12345")
    client = client_for(cast["secretary"])
    exported = rows_of(client.get(reverse("members:excel:posts_export")))
    assert "未变 1" in text(preview(client, exported[1:], header=exported[0]))


def test_the_template_imports(cast, client_for, unit_a):
    client = client_for(cast["admin"])
    rows = rows_of(client.get(reverse("members:excel:posts_template")))
    assert "新增 1" in text(preview(client, rows[1:], header=rows[0]))


def test_a_public_post_row_needs_its_service_guide(cast, client_for, branch_a1):
    page = text(preview(client_for(cast["secretary"]), [row(title="好岗位"), row(title="缺指南", 监督电话="")]))
    assert "有误 1" in page and "面向群众的岗位须在办事指南中公开此项。" in page
    assert not Post.objects.exists()


def test_the_post_export_carries_the_service_guide(cast, client_for, branch_a1):
    Post.objects.create(organisation=branch_a1, title="政策咨询岗", duties="解答", service_materials="身份证", time_limit_days=3,
                        legal_basis="《条例》", consultation_phone="0571-1", supervision_phone="12345")
    header, first = rows_of(client_for(cast["secretary"]).get(reverse("members:excel:posts_export")))[:2]
    values = dict(zip(header, first, strict=True))
    assert (values["办理材料"], values["办理时限（工作日）"], values["收费标准"], values["设定依据"], values["监督电话"]) == (
        "身份证", 3, "不收费", "《条例》", "12345")
