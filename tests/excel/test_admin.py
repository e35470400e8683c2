"""The admin's import and export: explicit permissions, not merely access to the admin."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.factories import UserFactory


@pytest.fixture
def clerk(db):
    user = UserFactory(username="clerk", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_member", "view_organisation"]))
    return user


@pytest.mark.parametrize("model", ["members_member", "members_organisation", "posts_post", "posts_window"])
def test_a_superuser_can_import_and_export_in_the_admin(cast, client_for, model):
    client = client_for(cast["admin"])
    assert client.get(reverse(f"admin:{model}_import")).status_code == 200
    assert client.get(reverse(f"admin:{model}_export")).status_code == 200


@pytest.mark.parametrize("model", ["member", "organisation"])
def test_a_staff_user_who_may_only_view_exports_but_cannot_import(client_for, clerk, model):
    client = client_for(clerk)
    assert client.get(reverse(f"admin:members_{model}_export")).status_code == 200
    assert client.get(reverse(f"admin:members_{model}_import")).status_code == 403


def test_admin_export_escapes_formulas(cast, client_for, member):
    from members.models import Member

    Member.objects.filter(pk=member.pk).update(specialties="=1+1")
    client = client_for(cast["admin"])
    response = client.post(reverse("admin:members_member_export"), {"format": "0", "resource": "0", **{
        f"memberresource_{f}": "on" for f in ["member_no", "specialties"]}})
    assert response.status_code == 200
    from tests.excel.helpers import rows_of

    cells = [c for row in rows_of(response) for c in row]
    assert "=1+1" not in cells


def test_an_admin_import_goes_through_preview_and_confirm(cast, client_for, branch_a1):
    from members.models import Member
    from tests.excel.helpers import upload

    client = client_for(cast["admin"])
    header = ["member_no", "name", "gender", "birth_date", "education", "position", "branch"]
    response = client.post(reverse("admin:members_member_import"), {
        "resource": "0", "format": "0",
        "import_file": upload([header, ["A1-301", "钱程", "男", "1990-01-02", "大学本科", "科员", "UA-1"]]),
    })
    assert response.status_code == 200
    assert not Member.objects.filter(member_no="A1-301").exists()
    confirm = response.context["confirm_form"]
    response = client.post(reverse("admin:members_member_process_import"), {**confirm.initial, "resource": "0"})
    assert response.status_code == 302
    assert Member.objects.get(member_no="A1-301").branch == branch_a1
