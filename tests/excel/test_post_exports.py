"""Exports of posts, assignments, windows, handbook items, feedback and the plaque register."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from posts.models import Assignment, Feedback, PlaqueRecord, Post, Window
from tests.excel.helpers import read_back, rows_of
from tests.factories import MemberFactory

NOON = timezone.make_aware(datetime.datetime(2026, 3, 5, 12, 0))


def make_post(org, title="政策咨询岗", **kwargs):
    return Post.objects.create(organisation=org, title=title, duties="=解答政策咨询", service_items="企业开办咨询",
                               required_specialties="政策咨询", min_age=22, max_age=55, capacity=2, **kwargs)


def make_window(unit, code="W-UA-1", posts=()):
    window = Window.objects.create(organisation=unit, code=code, name=f"{code} 窗口", location="市民中心一楼", phone="+86 10 1234",
                                   theme="爱我岗位")
    window.posts.set(posts)
    return window


@pytest.fixture
def step4(cast, unit_a, unit_b, branch_a1, branch_b1, member):
    post_a = make_post(unit_a)
    post_b = make_post(unit_b, title="户籍办理岗")
    Assignment.objects.create(member=member, post=post_a, status="confirmed", reason="熟悉政策", decided_at=NOON, confirmed_at=NOON)
    Assignment.objects.create(member=MemberFactory(member_no="B1-001", name="赵敏", branch=branch_b1), post=post_b, status="published")
    window_a, window_b = make_window(unit_a, posts=[post_a]), make_window(unit_b, code="W-UB-1", posts=[post_b])
    Feedback.objects.create(window=window_a, kind="complaint", text="@等待太久", created_at=NOON, due_at=NOON, upheld=True)
    Feedback.objects.create(window=window_b, kind="praise", text="很好", created_at=NOON, due_at=NOON)
    PlaqueRecord.objects.create(window=window_a, year=2025, level="pioneer", source="evaluation", reason="考核优秀", decided_at=NOON)
    PlaqueRecord.objects.create(window=window_b, year=2025, level="striving", source="application", decided_at=NOON)
    return post_a


def export(client, name):
    response = client.get(reverse(f"members:excel:{name}_export"))
    assert response.status_code == 200
    return response


def test_posts_read_back(step4, cast, client_for):
    rows = rows_of(export(client_for(cast["admin"]), "posts"))
    assert rows[0][:11] == ("组织代码", "党组织", "岗位名称", "类型", "岗位职责", "专长要求", "资格要求", "最低年龄", "最高年龄", "名额", "开放认岗")
    assert rows[1][:11] == ("UA", "区行政审批服务管理办公室党组", "政策咨询岗", "窗口服务岗", "'=解答政策咨询", "政策咨询", None, 22, 55, 2, "是")
    # Then what the public reads: the handbook's text and the service guide.
    assert rows[0][11:] == ("服务项目", "服务对象", "服务内容", "服务程序", "服务承诺", "办理材料", "办理时限（工作日）", "收费标准",
                            "设定依据", "办理地点和时间", "咨询电话", "监督电话")
    assert rows[1][11] == "企业开办咨询" and rows[1][18] == "不收费"
    assert len(rows) == 3


def test_assignments_read_back_and_are_scoped(step4, cast, client_for):
    rows = rows_of(export(client_for(cast["unit_secretary"]), "assignments"))
    assert len(rows) == 2
    assert rows[1][:7] == ("UA", "区行政审批服务管理办公室党组", "政策咨询岗", "A1-001", "张伟", "审批办第一党支部", "已确认")
    assert rows[1][8] == datetime.datetime(2026, 3, 5, 12, 0)


def test_windows_list_the_members_on_duty(step4, cast, client_for):
    ws = read_back(export(client_for(cast["committee_staff"]), "windows"))
    rows = [tuple(c.value for c in row) for row in ws.iter_rows()]
    assert [r[0] for r in rows[1:]] == ["W-UA-1", "W-UB-1"]
    assert rows[1][9] == "政策咨询岗" and rows[1][10] == "张伟（A1-001）"
    assert rows[1][6] == "'+86 10 1234"
    assert ws.freeze_panes == "A2"


def test_handbook_items_read_back(step4, cast, client_for):
    rows = rows_of(export(client_for(cast["admin"]), "handbook"))
    assert rows[1][:4] == ("W-UA-1 窗口", "区行政审批服务管理办公室党组", "政策咨询岗", "企业开办咨询")


def test_feedback_reads_back_and_is_scoped(step4, cast, client_for):
    rows = rows_of(export(client_for(cast["unit_secretary"]), "feedback"))
    assert len(rows) == 2
    assert rows[1][1:5] == ("W-UA-1 窗口", "区行政审批服务管理办公室党组", "投诉", "已受理")
    assert rows[1][8] == "是" and rows[1][10] == "'@等待太久"


def test_the_plaque_register_reads_back(step4, cast, client_for):
    rows = rows_of(export(client_for(cast["admin"]), "plaques"))
    assert [r[:2] for r in rows[1:]] == [(2025, "W-UA-1"), (2025, "W-UB-1")]
    assert rows[1][4] == "共产党员先锋岗"


@pytest.mark.parametrize(("name", "column"), [("windows", 0), ("feedback", 1), ("handbook", 0)])
def test_a_branch_secretary_sees_only_their_units_windows(step4, cast, client_for, name, column):
    rows = rows_of(export(client_for(cast["other_secretary"]), name))
    assert len(rows) == 2 and "W-UB-1" in rows[1][column]


def test_the_plaque_register_is_public_so_every_manager_gets_all_of_it(step4, cast, client_for):
    assert len(rows_of(export(client_for(cast["secretary"]), "plaques"))) == 3


@pytest.mark.parametrize(
    ("name", "queries"),
    [
        # 1 session, 2 user, 3 roles, 4 member record, 5 the count (small enough to send at once), then the rows:
        ("posts", 6),  # 6 posts with organisations
        ("assignments", 6),  # 6 assignments with posts, organisations, members and branches
        ("windows", 8),  # 6 windows with units, 7 their posts, 8 live assignments with members
        ("handbook", 7),  # 6 open windows with units, 7 their public posts
        ("feedback", 6),  # 6 feedback with windows and units
        ("plaques", 6),  # 6 plaque records with windows and units
    ],
)
@pytest.mark.parametrize("extra", [0, 5])
def test_query_counts_do_not_grow_with_rows(step4, cast, client_for, unit_a, name, queries, extra, django_assert_num_queries):
    for i in range(extra):
        post = make_post(unit_a, title=f"岗位{i}", kind="public")
        Assignment.objects.create(member=MemberFactory(branch=step4.organisation.children.first()), post=post)
        window = make_window(unit_a, code=f"W-X-{i}", posts=[post])
        Feedback.objects.create(window=window, kind="praise", text="好", created_at=NOON, due_at=NOON)
        PlaqueRecord.objects.create(window=window, year=2025, level="pioneer", source="evaluation", decided_at=NOON)
    client = client_for(cast["committee_staff"])
    with django_assert_num_queries(queries):
        rows_of(client.get(reverse(f"members:excel:{name}_export")))
