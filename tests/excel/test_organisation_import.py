"""The organisation import: create-or-update by code, parents from the same file, committee only."""

import pytest
from django.urls import reverse

from members.models import AuditEntry, Organisation
from tests.excel.helpers import preview_of, rows_of, upload
from tests.excel.test_member_import import preview_id, text

UPLOAD = reverse("members:excel:organisations_upload")
APPLY = reverse("members:excel:organisations_apply")
HEADER = ["编码", "名称", "层级", "上级组织代码", "联系人", "联系电话", "地址", "参加创建"]


def preview(client, rows, header=HEADER):
    response = client.post(UPLOAD, {"file": upload([header, *rows], name="组织.xlsx")})
    return preview_of(client, response)


@pytest.fixture
def staff(cast, client_for):
    return client_for(cast["committee_staff"])


def test_a_unit_and_its_branch_are_created_from_one_file(staff, committee):
    rows = [["UC", "区税务局党委", "单位党组织", "C", "", "", "", "是"],
            ["UC-1", "税务局第一党支部", "党支部", "UC", "王芳", "+86 10 8888", "", "是"]]
    response = preview(staff, rows)
    assert "新增 2" in text(response)
    assert not Organisation.objects.filter(code="UC").exists(), "the preview writes nothing"
    staff.post(APPLY, {"job": preview_id(response)})
    branch = Organisation.objects.get(code="UC-1")
    assert branch.parent.code == "UC" and branch.kind == "branch" and branch.contact_phone == "+86 10 8888"
    assert AuditEntry.objects.exclude(action__startswith="jobs.").get().action == "members.organisations.imported"


def test_the_export_imports_back_unchanged(staff, cast, branch_a1, branch_a2, branch_b1):
    exported = rows_of(staff.get(reverse("members:excel:organisation_export")))
    response = preview(staff, exported[1:], header=exported[0])
    assert "未变 6" in text(response) and "修改 0" in text(response)


def test_changes_are_written_by_code(staff, branch_a1):
    response = preview(staff, [["UA-1", "审批办第一党支部（新）", "党支部", "UA", "", "", "", "否"]])
    assert "修改 1" in text(response)
    staff.post(APPLY, {"job": preview_id(response)})
    branch_a1.refresh_from_db()
    assert branch_a1.name == "审批办第一党支部（新）" and not branch_a1.is_active


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        (["UX", "某支部", "党支部", "NOPE", "", "", "", "是"], "没有代码为“NOPE”的组织"),
        (["UX", "某支部", "党支部", "UA-1", "", "", "", "是"], "必须隶属于"),
        (["UX", "某支部", "科室", "UA", "", "", "", "是"], "不是可选值之一"),
        (["U X", "某支部", "党支部", "UA", "", "", "", "是"], "只能使用字母"),
        (["UX", "某" * 101, "党支部", "UA", "", "", "", "是"], "最多填写 100 个字"),
    ],
)
def test_bad_rows_are_reported_and_nothing_is_written(staff, branch_a1, cells, problem):
    response = preview(staff, [["UY", "好支部", "党支部", "UA", "", "", "", "是"], cells])
    assert problem in text(response)
    staff.post(APPLY, {"job": preview_id(response)})
    assert not Organisation.objects.filter(code__in=["UX", "UY", "U X"]).exists()


def test_the_level_of_an_existing_organisation_cannot_change(staff, branch_a1):
    response = preview(staff, [["UA-1", "审批办第一党支部", "单位党组织", "C", "", "", "", "是"]])
    assert "已有组织的层级不能更改" in text(response)
    staff.post(APPLY, {"job": preview_id(response)})
    branch_a1.refresh_from_db()
    assert branch_a1.kind == "branch"


def test_secretaries_may_not_import_organisations(cast, client_for):
    assert client_for(cast["secretary"]).get(UPLOAD).status_code == 403
    assert client_for(cast["unit_secretary"]).get(UPLOAD).status_code == 403


def test_rows_written_outside_a_request_name_the_importer_in_their_history(cast, committee):
    """A worker applies the import with no request at hand: the history still says who imported."""
    import io

    from members import imports
    from tests.excel.helpers import workbook_bytes

    staff = cast["committee_staff"]
    content = workbook_bytes([HEADER, ["UC", "区税务局党委", "单位党组织", "C", "", "", "", "是"]])
    report = imports.run(staff, spec=imports.SPECS["organisations"], fileobj=io.BytesIO(content), apply=True)
    assert report.applied, report.file_errors
    created = Organisation.history.get(code="UC")
    assert (created.history_type, created.history_user) == ("+", staff)
