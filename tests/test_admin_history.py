"""The admin's history pages answer 404, not 500, to ids that are not primary keys."""

import pytest

from members.models import Member


@pytest.mark.parametrize("url", [
    "/admin/members/member/abc/history/",
    "/admin/members/member/{pk}/change/history/",
    "/admin/members/member/{pk}/history/abc/",
    "/admin/members/organisation/x%27y/history/",
    "/admin/members/role/1.5/history/",
])
def test_a_bad_id_in_a_history_url_is_404(client_for, admin_user, member, url):
    response = client_for(admin_user).get(url.format(pk=member.pk))
    assert response.status_code == 404


def test_the_history_of_a_real_member_still_shows(client_for, admin_user, member):
    member.name = "张伟伟"
    member.save()
    client = client_for(admin_user)
    assert client.get(f"/admin/members/member/{member.pk}/history/").status_code == 200
    version = Member.history.filter(id=member.pk).latest("history_date")
    assert client.get(f"/admin/members/member/{member.pk}/history/{version.history_id}/").status_code == 200
