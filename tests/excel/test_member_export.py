"""The roster export: cells read back, scope, filters, escaping, language, query count."""

import datetime

import pytest
from django.urls import reverse

from tests.excel.helpers import read_back, rows_of
from tests.factories import MemberFactory

URL = reverse("members:excel:member_export")

HEADERS_ZH = ("党员编号", "姓名", "性别", "出生日期", "学历", "职务", "职称", "职业资格", "专长",
              "党员类别", "干部", "电话", "党支部代码", "党支部", "在职")


@pytest.fixture
def roster(cast, branch_a1, branch_a2, branch_b1):
    MemberFactory(member_no="A1-002", name="李娜", gender="F", birth_date=datetime.date(1988, 3, 5), education="master",
                  position="=HYPERLINK(\"http://evil\")", job_title="@经济师", qualifications="-法律职业资格",
                  specialties="+政策咨询", standing="probationary", is_cadre=True, phone="+86 138 0013 8000", branch=branch_a1)
    MemberFactory(member_no="A2-001", name="王强", branch=branch_a2)
    MemberFactory(member_no="B1-001", name="赵敏", branch=branch_b1)


def test_the_roster_reads_back_cell_by_cell(roster, cast, client_for):
    response = client_for(cast["admin"]).get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ws = read_back(response)
    rows = [tuple(c.value for c in row) for row in ws.iter_rows()]
    assert rows[0] == HEADERS_ZH
    assert [r[0] for r in rows[1:]] == ["A1-001", "A1-002", "A2-001", "B1-001"]
    li_na = rows[2]
    assert li_na == (
        "A1-002", "李娜", "女", datetime.datetime(1988, 3, 5), "硕士研究生", "'=HYPERLINK(\"http://evil\")", "'@经济师",
        "'-法律职业资格", "'+政策咨询", "预备党员", "是", "'+86 138 0013 8000", "UA-1", "审批办第一党支部", "是",
    )
    date_cell = ws.cell(row=3, column=4)
    assert date_cell.is_date and date_cell.number_format == "yyyy-mm-dd"
    assert ws.freeze_panes == "A2"
    assert ws.cell(row=1, column=1).font.bold
    assert ws.column_dimensions["I"].width == 30


def test_no_cell_is_a_formula(roster, cast, client_for):
    ws = read_back(client_for(cast["admin"]).get(URL))
    assert all(cell.data_type != "f" for row in ws.iter_rows() for cell in row)


def test_the_file_name_is_chinese_and_safe(roster, cast, client_for):
    disposition = client_for(cast["admin"]).get(URL)["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''%E5%85%9A%E5%91%98%E5%90%8D%E5%86%8C-" in disposition  # 党员名册-


def test_a_secretary_exports_only_their_branch(roster, cast, client_for):
    rows = rows_of(client_for(cast["secretary"]).get(URL))
    assert [r[0] for r in rows[1:]] == ["A1-001", "A1-002"]
    assert {r[12] for r in rows[1:]} == {"UA-1"}


def test_a_unit_secretary_exports_the_units_branches(roster, cast, client_for):
    rows = rows_of(client_for(cast["unit_secretary"]).get(URL))
    assert [r[0] for r in rows[1:]] == ["A1-001", "A1-002", "A2-001"]


def test_the_list_filters_apply_to_the_export(roster, cast, client_for, branch_a2):
    client = client_for(cast["admin"])
    assert [r[0] for r in rows_of(client.get(URL, {"q": "李"}))[1:]] == ["A1-002"]
    assert [r[0] for r in rows_of(client.get(URL, {"branch": branch_a2.pk}))[1:]] == ["A2-001"]


def test_a_member_without_a_role_may_not_export(roster, cast, client_for):
    assert client_for(cast["member"]).get(URL).status_code == 403


def test_an_english_user_gets_english_headers(roster, cast, client_for):
    client = client_for(cast["admin"])
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    rows = rows_of(client.get(URL))
    assert rows[0][:4] == ("member number", "full name", "gender", "date of birth")
    assert rows[2][2] == "Female"


@pytest.mark.parametrize("extra", [0, 30])
def test_the_query_count_does_not_grow_with_rows(roster, cast, client_for, branch_a1, extra, django_assert_num_queries):
    MemberFactory.create_batch(extra, branch=branch_a1)
    client = client_for(cast["secretary"])
    # 1 session, 2 user, 3 the user's roles, 4 the user's member record, 5 the count (small enough to
    # send at once), 6 the roster (one joined query)
    with django_assert_num_queries(6):
        rows = rows_of(client.get(URL))
    assert len(rows) == 3 + extra


def test_the_export_takes_the_lists_post_filter_too(roster, cast, client_for, branch_a1):
    # The dashboards link to "members without a post"; its Export button must export those members, not all.
    from posts.models import Assignment
    from tests.dashboards.factories import AssignmentFactory

    AssignmentFactory(member=cast["member"].member, status=Assignment.Status.CONFIRMED)
    client = client_for(cast["admin"])
    listed = [m.member_no for m in client.get(reverse("members:list"), {"post": "without"}).context["object_list"]]
    exported = [row[0] for row in rows_of(client.get(URL, {"post": "without"}))[1:]]
    assert exported == listed == ["A1-002", "A2-001", "B1-001"]
