"""The member list's branch field: typed code or name instead of a dropdown of every branch; pinned query counts."""

import pytest
from django.urls import reverse

from members import views
from tests.factories import BranchFactory, MemberFactory


@pytest.fixture
def people(branch_a1, branch_a2, branch_b1):
    return {
        "a1": MemberFactory(branch=branch_a1, name="李娜"),
        "a2": MemberFactory(branch=branch_a2, name="王芳"),
        "b1": MemberFactory(branch=branch_b1, name="陈静"),
    }


def names(response):
    return {m.name for m in response.context["object_list"]}


def test_the_branch_field_finds_a_branch_by_code_name_or_id(client_for, committee_staff, people, branch_a1, branch_a2):
    client = client_for(committee_staff)
    url = reverse("members:list")
    assert names(client.get(url, {"branch": branch_a2.code.lower()})) == {"王芳"}
    assert names(client.get(url, {"branch": branch_a1.name[-4:]})) >= {"李娜"}
    assert "王芳" not in names(client.get(url, {"branch": branch_a1.name}))
    assert names(client.get(url, {"branch": str(branch_a2.pk)})) == {"王芳"}
    assert names(client.get(url, {"branch": "没有这个支部"})) == set()


def test_a_secretary_cannot_reach_another_branch_through_the_field(client_for, unit_secretary, people, branch_b1):
    client = client_for(unit_secretary)
    assert names(client.get(reverse("members:list"), {"branch": str(branch_b1.pk)})) == set()
    assert names(client.get(reverse("members:list"), {"branch": branch_b1.code})) == set()


def test_there_is_no_dropdown_and_suggestions_only_where_they_are_few(client_for, unit_secretary, committee_staff, unit_a, branch_a1, monkeypatch):
    html = client_for(unit_secretary).get(reverse("members:list")).content.decode()
    assert '<select name="branch"' not in html and 'list="branch-options"' in html
    assert f'<option value="{branch_a1.code}">{branch_a1.name}</option>' in html
    monkeypatch.setattr(views, "BRANCH_OPTIONS", 1)
    BranchFactory(parent=unit_a)
    html = client_for(unit_secretary).get(reverse("members:list")).content.decode()
    assert '<datalist id="branch-options">' not in html


@pytest.mark.parametrize("branches", [2, 12])
def test_the_member_list_query_count_does_not_grow(client_for, committee_staff, unit_a, branches, django_assert_num_queries):
    for _ in range(branches):
        MemberFactory.create_batch(3, branch=BranchFactory(parent=unit_a))
    client = client_for(committee_staff)
    client.get(reverse("members:list"))
    # session, user, roles, own member record, count, page of members with branch and unit,
    # the branch suggestions, unread notifications.
    with django_assert_num_queries(8):
        response = client.get(reverse("members:list"))
    assert len(response.context["object_list"]) == min(branches * 3, 25)
