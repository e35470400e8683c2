"""The pages of step 1: a member finds the open round, reads what posts ask, declares one through the form."""

import re

from posts.models import Nomination
from tests.posts.factories import make_post


def test_a_member_sees_the_open_round_on_the_home_page(client_for, member, open_round):
    html = client_for(member.user).get("/").content.decode()
    assert "人人有岗位" in html and f"/rounds/{open_round.pk}/" in html


def test_the_round_page_shows_what_posts_ask_and_places_left(client_for, member, open_round):
    html = client_for(member.user).get(f"/rounds/{open_round.pk}/").content.decode()
    assert "政策咨询导办岗" in html and "共 2 个名额，剩余 2 个" in html
    assert "认领岗位" in html


def test_a_member_nominates_through_the_form(client_for, member, open_round, window_post):
    response = client_for(member.user).post(f"/rounds/{open_round.pk}/nominate/", {"post": window_post.pk, "statement": "熟悉政策咨询。"})
    nomination = Nomination.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/nominations/{nomination.pk}/"


def test_nominating_twice_through_the_form_gets_a_chinese_message(client_for, member, open_round, window_post, internal_post):
    client = client_for(member.user)
    client.post(f"/rounds/{open_round.pk}/nominate/", {"post": window_post.pk, "statement": "一"})
    response = client.post(f"/rounds/{open_round.pk}/nominate/", {"post": internal_post.pk, "statement": "二"})
    assert response.status_code == 200
    assert "每人只能认领一个岗位" in response.content.decode()
    assert Nomination.objects.count() == 1


def test_a_post_of_another_branch_is_not_a_choice(client_for, member, open_round, b1_post):
    response = client_for(member.user).post(f"/rounds/{open_round.pk}/nominate/", {"post": b1_post.pk, "statement": "理由"})
    assert response.status_code == 200 and not Nomination.objects.exists()


def test_a_unit_post_can_be_declared_from_a_branch(client_for, member, unit_a):
    from tests.posts.factories import make_round

    post = make_post(unit_a, "企业开办“一窗受理”岗")
    rnd = make_round(unit_a)
    response = client_for(member.user).post(f"/rounds/{rnd.pk}/nominate/", {"post": post.pk, "statement": "熟悉企业登记。"})
    assert response.status_code == 302


def test_a_full_post_is_shown_but_cannot_be_chosen(client_for, member, open_round, window_post, internal_post):
    from tests.factories import MemberFactory
    from tests.posts.factories import AssignmentFactory

    for _ in range(window_post.capacity):
        AssignmentFactory(post=window_post, member=MemberFactory(branch=member.branch))
    client = client_for(member.user)
    html = client.get(f"/rounds/{open_round.pk}/nominate/").content.decode()
    assert f"{window_post.title}（已满）" in html
    full = re.search(rf'<input[^>]*value="{window_post.pk}"[^>]*>', html).group(0)
    assert "disabled" in full
    assert "disabled" not in re.search(rf'<input[^>]*value="{internal_post.pk}"[^>]*>', html).group(0)
    # A hand-made request for the full post is still refused by the service.
    response = client.post(f"/rounds/{open_round.pk}/nominate/", {"post": window_post.pk, "statement": "理由"})
    assert response.status_code == 200 and not Nomination.objects.exists()


def test_a_member_with_a_live_nomination_sees_it_instead_of_the_form(client_for, member, open_round, window_post):
    client = client_for(member.user)
    client.post(f"/rounds/{open_round.pk}/nominate/", {"post": window_post.pk, "statement": "熟悉政策咨询。"})
    nomination = Nomination.objects.get()
    response = client.get(f"/rounds/{open_round.pk}/nominate/", follow=True)
    assert response.redirect_chain == [(f"/nominations/{nomination.pk}/", 302)]
    html = response.content.decode()
    assert "您已在本次认岗活动中认领了岗位" in html and f"/nominations/{nomination.pk}/withdraw/" in html
