"""The organisation export: cells, scope, query count."""

import pytest
from django.urls import reverse

from members.models import Organisation
from tests.excel.helpers import read_back, rows_of
from tests.factories import BranchFactory

URL = reverse("members:excel:organisation_export")


def test_organisations_read_back_cell_by_cell(cast, client_for, branch_a1):
    Organisation.objects.filter(pk=branch_a1.pk).update(contact_person="王芳", contact_phone="+86 10 8888", address="=1+2")
    ws = read_back(client_for(cast["committee_staff"]).get(URL))
    rows = [tuple(c.value for c in row) for row in ws.iter_rows()]
    assert rows[0] == ("编码", "名称", "层级", "上级组织代码", "上级组织", "联系人", "联系电话", "地址", "参加创建")
    assert [r[0] for r in rows[1:]] == ["C", "UA", "UA-1", "UA-2", "UB", "UB-1"]
    assert rows[3] == ("UA-1", "审批办第一党支部", "党支部", "UA", "区行政审批服务管理办公室党组", "王芳", "'+86 10 8888", "'=1+2", "是")
    assert rows[1][3] is None  # the committee has no parent
    assert ws.freeze_panes == "A2"


def test_a_secretary_exports_only_what_they_see(cast, client_for):
    rows = rows_of(client_for(cast["secretary"]).get(URL))
    assert [r[0] for r in rows[1:]] == ["UA-1"]


def test_a_member_may_not_export_organisations(cast, client_for):
    assert client_for(cast["member"]).get(URL).status_code == 403


@pytest.mark.parametrize("extra", [0, 20])
def test_the_query_count_does_not_grow_with_rows(cast, client_for, unit_a, extra, django_assert_num_queries):
    BranchFactory.create_batch(extra, parent=unit_a)
    client = client_for(cast["committee_staff"])
    # 1 session, 2 user, 3 roles, 4 member record, 5 the count (small enough to send at once),
    # 6 organisations with their parents
    with django_assert_num_queries(6):
        rows = rows_of(client.get(URL))
    assert len(rows) == 7 + extra
