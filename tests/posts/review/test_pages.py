"""The pages of step 2: the review board with profiles and suggestions, decisions, members still without a post."""

from posts.models import Assignment
from posts.nominations import services as nomination_services
from tests.factories import MemberFactory


def test_the_review_board_shows_profile_requirements_and_suggestions(client_for, member, secretary, open_round, window_post):
    nomination_services.submit_nomination(member.user, round=open_round, post=window_post, statement="熟悉政策咨询。")
    html = client_for(secretary).get(f"/rounds/{open_round.pk}/review/").content.decode()
    assert "张伟" in html and "政策咨询、窗口服务" in html and "熟悉政策咨询。" in html
    assert "专长相符" in html  # the suggestion's reason


def test_a_secretary_approves_from_the_board(client_for, member, secretary, open_round, window_post):
    nomination = nomination_services.submit_nomination(member.user, round=open_round, post=window_post, statement="熟悉政策咨询。")
    response = client_for(secretary).post(f"/nominations/{nomination.pk}/approve/", {"reason": ""})
    assert response.status_code == 302
    assert Assignment.objects.get().member == member


def test_approving_a_full_post_shows_the_reason(client_for, member, secretary, open_round, internal_post, branch_a1):
    nomination = nomination_services.submit_nomination(member.user, round=open_round, post=internal_post, statement="擅长写作。")
    Assignment.objects.create(member=MemberFactory(branch=branch_a1), post=internal_post)
    response = client_for(secretary).post(f"/nominations/{nomination.pk}/approve/", {"reason": ""})
    assert response.status_code == 200 and "名额已满" in response.content.decode()


def test_members_without_a_post_are_listed_with_suggestions(client_for, secretary, member, open_round):
    html = client_for(secretary).get(f"/rounds/{open_round.pk}/without-post/").content.decode()
    assert "张伟" in html and "推荐岗位" in html and "专长相符" in html
