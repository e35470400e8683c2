"""Scoping: who sees which organisations and members, decided by visible_to()."""

import pytest
from django.urls import reverse

from members.models import Member, Organisation
from tests.factories import MemberFactory


@pytest.fixture
def people(member, branch_a2, branch_b1):
    return {
        "a1_peer": MemberFactory(branch=member.branch, name="李娜"),
        "a2": MemberFactory(branch=branch_a2, name="王芳"),
        "b1": MemberFactory(branch=branch_b1, name="陈静"),
    }


def names(qs):
    return set(qs.values_list("name", flat=True))


def test_a_branch_secretary_sees_only_the_branch_members(secretary, member, people):
    assert names(Member.objects.visible_to(secretary)) == {"张伟", "李娜"}


def test_a_unit_secretary_sees_every_branch_of_the_unit(unit_secretary, member, people):
    assert names(Member.objects.visible_to(unit_secretary)) == {"张伟", "李娜", "王芳"}


def test_committee_staff_and_admins_see_everyone(committee_staff, admin_user, member, people):
    everyone = {"张伟", "李娜", "王芳", "陈静"}
    assert names(Member.objects.visible_to(committee_staff)) == everyone
    assert names(Member.objects.visible_to(admin_user)) == everyone


def test_a_member_sees_only_themselves(member, people):
    assert names(Member.objects.visible_to(member.user)) == {"张伟"}


def test_organisations_visible_to_a_member_are_their_branch_and_unit(member, branch_b1):
    assert set(Organisation.objects.visible_to(member.user).values_list("code", flat=True)) == {"UA-1", "UA"}


def test_anonymous_sees_nothing(django_user_model, people):
    from django.contrib.auth.models import AnonymousUser

    assert not Member.objects.visible_to(AnonymousUser()).exists()


def test_another_branch_member_is_404_for_a_secretary(client_for, secretary, people):
    client = client_for(secretary)
    assert client.get(reverse("members:detail", args=[people["b1"].pk])).status_code == 404
    assert client.get(reverse("members:edit", args=[people["b1"].pk])).status_code == 404
    assert client.get(reverse("members:detail", args=[people["a1_peer"].pk])).status_code == 200


def test_the_member_list_holds_only_the_branch(client_for, secretary, people):
    response = client_for(secretary).get(reverse("members:list"))
    content = response.content.decode()
    assert "李娜" in content and "张伟" in content
    assert "陈静" not in content and "王芳" not in content


def test_a_member_can_read_but_not_edit_their_record(client_for, member):
    client = client_for(member.user)
    assert client.get(reverse("members:detail", args=[member.pk])).status_code == 200
    assert client.get(reverse("members:edit", args=[member.pk])).status_code == 403
    assert client.get(reverse("members:list")).status_code == 302


def test_a_secretary_edits_a_member_of_the_branch(client_for, secretary, people):
    peer = people["a1_peer"]
    data = {
        "member_no": peer.member_no, "name": "李娜", "gender": "F", "birth_date": "1990年7月8日", "education": "master",
        "position": "科长", "job_title": "", "qualifications": "", "specialties": "法律法规", "standing": "full",
        "phone": "13800000000", "branch": peer.branch_id, "is_active": "on",
    }
    response = client_for(secretary).post(reverse("members:edit", args=[peer.pk]), data)
    assert response.status_code == 302
    peer.refresh_from_db()
    assert (peer.position, str(peer.birth_date), peer.education) == ("科长", "1990-07-08", "master")
    assert peer.history.first().history_user == secretary


def test_a_secretary_cannot_move_a_member_to_another_unit(client_for, secretary, people, branch_b1):
    peer = people["a1_peer"]
    data = {
        "member_no": peer.member_no, "name": peer.name, "gender": "F", "birth_date": "1990-07-08", "education": "master",
        "position": "科长", "standing": "full", "branch": branch_b1.pk,
    }
    response = client_for(secretary).post(reverse("members:edit", args=[peer.pk]), data)
    assert response.status_code == 200
    assert "branch" in response.context["form"].errors
    peer.refresh_from_db()
    assert peer.branch_id != branch_b1.pk


def test_a_member_edits_only_contact_and_specialties(client_for, member):
    response = client_for(member.user).post(
        reverse("members:profile"),
        {"phone": "13911112222", "job_title": "经济师", "qualifications": "会计从业资格", "specialties": "税费申报", "name": "改名"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.phone, member.specialties, member.name) == ("13911112222", "税费申报", "张伟")


def test_only_committee_staff_create_organisations(client_for, secretary, committee_staff, committee):
    data = {"kind": "unit", "code": "NEW", "name": "区新单位党组", "parent": committee.pk, "is_active": "on"}
    assert client_for(secretary).post(reverse("members:organisation_create"), data).status_code == 403
    assert not Organisation.objects.filter(code="NEW").exists()
    assert client_for(committee_staff).post(reverse("members:organisation_create"), data).status_code == 302
    assert Organisation.objects.get(code="NEW").parent == committee


def test_a_branch_must_belong_to_a_unit(client_for, committee_staff, committee):
    data = {"kind": "branch", "code": "BAD", "name": "错误的支部", "parent": committee.pk}
    response = client_for(committee_staff).post(reverse("members:organisation_create"), data)
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors


def test_the_database_refuses_a_parentless_unit(db):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(kind="unit", code="ORPHAN", name="无上级")


def test_a_secretary_creates_a_login_for_a_branch_member(client_for, secretary, people, client):
    peer = people["a1_peer"]
    response = client_for(secretary).post(reverse("members:create_login", args=[peer.pk]))
    assert response.status_code == 200
    password = response.context["password"]
    peer.refresh_from_db()
    assert peer.user.username == peer.member_no.lower()
    assert peer.user.check_password(password)
    from members.models import AuditEntry

    assert AuditEntry.objects.get(action="members.member.login_created").actor == secretary


def test_a_second_login_for_the_same_member_is_refused(client_for, secretary, member):
    response = client_for(secretary).post(reverse("members:create_login", args=[member.pk]), follow=True)
    assert "已经有登录账号" in response.content.decode()
    member.refresh_from_db()
    assert member.user.username == "member"


def test_another_branch_secretary_cannot_create_a_login(client_for, other_secretary, people):
    peer = people["a1_peer"]
    assert client_for(other_secretary).post(reverse("members:create_login", args=[peer.pk])).status_code == 404
    peer.refresh_from_db()
    assert peer.user is None


def test_a_member_cannot_create_logins(client_for, member, people):
    assert client_for(member.user).post(reverse("members:create_login", args=[people["a1_peer"].pk])).status_code == 403


def test_the_member_lists_pages_keep_its_filters(client_for, committee_staff, branch_a1):
    MemberFactory.create_batch(26, branch=branch_a1, position="科员")
    html = client_for(committee_staff).get(reverse("members:list"), {"q": "科员", "branch": branch_a1.pk}).content.decode()
    assert f'href="?q=%E7%A7%91%E5%91%98&amp;branch={branch_a1.pk}&amp;page=2"' in html
    page_two = client_for(committee_staff).get(reverse("members:list"), {"q": "科员", "branch": branch_a1.pk, "page": 2})
    assert f'href="?q=%E7%A7%91%E5%91%98&amp;branch={branch_a1.pk}&amp;page=1"' in page_two.content.decode()
    # The Excel export takes the same filters, never the page.
    assert f'/excel/members/export/?q=%E7%A7%91%E5%91%98&amp;branch={branch_a1.pk}"' in page_two.content.decode()


def test_scope_through_a_relation_is_one_column_against_the_managed_organisations(unit_secretary, member, people):
    # One indexed column on the member itself (unit_id IN (…)): no join, no subquery, no OR over parent and grandparent.
    sql = str(Member.objects.visible_to(unit_secretary).order_by().query).lower()
    assert '"members_member"."unit_id" in (' in sql
    assert "inner join" not in sql
    assert "select" not in sql.split(" where ", 1)[1]
