"""The page that admits a member to a branch: a new member or a transfer in, recorded with its reason and audit."""

import pytest
from django.urls import reverse
from django.utils import timezone

from members.models import Member
from posts.models import Assignment, Movement
from tests.posts.factories import actions

pytestmark = pytest.mark.django_db


def admission(kind="new_member", **extra):
    return {"kind": kind, "on": timezone.localdate().isoformat(), "reason": "", "member_no": "A1-900", "name": "林新",
            "gender": "F", "birth_date": "1996-04-02", "education": "bachelor", "position": "科员", "standing": "full",
            "phone": "", **extra}


@pytest.mark.parametrize(("kind", "reason"), [("new_member", "预备党员转正。"), ("transfer_in", "自市交通局党支部转入。")])
def test_the_page_admits_a_member_without_a_post(client_for, secretary, branch_a1, kind, reason):
    client = client_for(secretary)
    response = client.post(reverse("posts:member_admit", args=[branch_a1.pk]), admission(kind, reason=reason))
    joined = Member.objects.get(member_no="A1-900")
    assert response.status_code == 302 and response["Location"] == reverse("members:detail", args=[joined.pk])
    assert joined.branch == branch_a1 and joined.is_active and joined.name == "林新"
    movement = Movement.objects.get(member=joined)
    assert (movement.kind, movement.to_branch, movement.reason, movement.recorded_by) == (kind, branch_a1, reason, secretary)
    assert {"members.member.joined", f"posts.movement.{kind}"} <= set(actions())
    assert not Assignment.objects.filter(member=joined).exists()
    page = client.get(response["Location"]).content.decode()
    assert f"林新 已加入{branch_a1.name}（" in page and "尚未认岗" in page


@pytest.mark.parametrize(("role", "status"), [("member_user", 403), ("other_secretary", 404), ("secretary", 200), ("unit_secretary", 200)])
def test_who_may_open_the_page(client_for, request, branch_a1, role, status):
    url = reverse("posts:member_admit", args=[branch_a1.pk])
    assert client_for(request.getfixturevalue(role)).get(url).status_code == status
    assert client_for(request.getfixturevalue(role)).post(url, admission()).status_code == (302 if status == 200 else status)
    assert Member.objects.filter(member_no="A1-900").exists() == (status == 200)


def test_a_get_writes_nothing(client_for, secretary, branch_a1):
    before = Member.objects.count()
    response = client_for(secretary).get(reverse("posts:member_admit", args=[branch_a1.pk]))
    assert response.status_code == 200 and list(response.context["form"].fields["kind"].choices) == [
        ("new_member", "新发展党员"), ("transfer_in", "组织关系转入")]
    assert Member.objects.count() == before and not Movement.objects.exists() and not actions()


def test_a_refusal_is_shown_on_the_form_it_keeps(client_for, unit_secretary, unit_a):
    # The unit's secretary manages the unit too, but a member joins a branch: the service refuses, nothing is written.
    response = client_for(unit_secretary).post(reverse("posts:member_admit", args=[unit_a.pk]), admission())
    html = response.content.decode()
    assert response.status_code == 200 and "党员隶属于支部，请选择一个支部。" in html
    assert 'value="A1-900"' in html and "林新" in html
    assert not Member.objects.filter(member_no="A1-900").exists() and not Movement.objects.exists()


def test_a_taken_member_number_is_a_form_error(client_for, secretary, branch_a1, member):
    response = client_for(secretary).post(reverse("posts:member_admit", args=[branch_a1.pk]), admission(member_no=member.member_no))
    assert response.status_code == 200 and "member_no" in response.context["form"].errors
    assert not Movement.objects.exists()


@pytest.mark.parametrize(("role", "shown"), [("secretary", True), ("unit_secretary", True), ("member_user", False)])
def test_the_branch_page_links_to_it_for_its_managers(client_for, request, branch_a1, role, shown):
    html = client_for(request.getfixturevalue(role)).get(reverse("members:organisation_detail", args=[branch_a1.pk])).content.decode()
    assert (reverse("posts:member_admit", args=[branch_a1.pk]) in html) == shown


def test_a_unit_page_has_no_admission_link(client_for, unit_secretary, unit_a):
    html = client_for(unit_secretary).get(reverse("members:organisation_detail", args=[unit_a.pk])).content.decode()
    assert reverse("posts:member_admit", args=[unit_a.pk]) not in html
