"""The pages of the catalogue: a member's own post with its duties, commitments and history; the post list."""

import pytest

from tests.factories import BranchFactory, UnitFactory
from tests.posts.factories import staffed_window


def test_my_post_shows_duties_commitments_and_history(client_for, member, published):
    html = client_for(member.user).get("/my-post/").content.decode()
    assert "党建宣传岗" in html
    # The history names each step in words, not by its audit code.
    assert "· 公示" in html and "posts.assignment.published" not in html


def test_the_member_page_shows_the_post(client_for, secretary, member, published):
    html = client_for(secretary).get(f"/members/{member.pk}/").content.decode()
    assert "党建宣传岗" in html


@pytest.mark.parametrize("extra", [2, 30])
def test_the_post_list_counts_holders_of_its_page_only(client_for, committee_staff, committee, extra, django_assert_num_queries):
    units = [UnitFactory(parent=committee) for _ in range(2)]
    for i in range(extra):
        staffed_window(units[i % 2], BranchFactory(parent=units[i % 2]), holders=2)
    client = client_for(committee_staff)
    client.get("/posts/")
    # session, user, roles, member of the user (access), count for the paginator, the page of posts with their
    # organisation, the live holders counted for the page's posts, unread notifications.
    with django_assert_num_queries(8):
        response = client.get("/posts/")
    posts = response.context["object_list"]
    assert len(posts) == min(extra, 25) and all(p.holder_count == 2 for p in posts)
