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


def _stage_items(html):
    import re

    stages = re.search(r'<ol[^>]*data-testid="post-stages"[^>]*>(.*?)</ol>', html, re.S).group(1)
    return re.findall(r"<li[^>]*?(aria-current=\"step\")?>\s*(\d)\. (\S+) <span class=\"small\">（(\S+?)）", stages)


def test_my_post_shows_the_stage_as_an_accessible_progress_list(client_for, member, published):
    html = client_for(member.user).get("/my-post/").content.decode()
    # In public notice: 认岗 and 定岗 done, 公示 current (named in words and by aria-current, not by colour).
    assert [(current, label, state) for current, _n, label, state in _stage_items(html)] == [
        ("", "认岗", "已完成"), ("", "定岗", "已完成"), ('aria-current="step"', "公示", "当前"), ("", "确认", "未开始"),
    ]


def test_a_member_without_a_nomination_is_at_no_stage(client_for, peer, open_round):
    html = client_for(peer.user).get("/my-post/").content.decode()
    assert 'aria-current="step"' not in html.split('data-testid="post-stages"')[1].split("</ol>")[0]
