"""Step 2 as rules: the organisation approves, rejects or places each declaration, within capacity, once."""

import datetime

import pytest

from members.models import Notification
from pioneer.errors import Refusal
from posts.models import Assignment, Nomination
from posts.review import services as review_services
from posts.review import suggestions
from tests.factories import MemberFactory
from tests.posts.factories import actions, make_post, submit


def test_approving_sets_the_member_on_the_post_and_tells_them(member, secretary, open_round, window_post):
    nomination = review_services.approve_nomination(secretary, nomination=submit(member, open_round, window_post), reason="专长相符")
    assignment = nomination.assignment
    assert nomination.status == Nomination.Status.APPROVED
    assert (assignment.member, assignment.post, assignment.status, assignment.round) == (member, window_post, "approved", open_round)
    assert assignment.decided_by == secretary
    assert "posts.nomination.approved" in actions()
    assert Notification.objects.get(recipient=member.user).text.startswith("您认领的岗位")


def test_approving_in_another_branch_is_refused(member, other_secretary, open_round, window_post):
    nomination = submit(member, open_round, window_post)
    with pytest.raises(Refusal, match="不负责管理"):
        review_services.approve_nomination(other_secretary, nomination=nomination)
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.SUBMITTED
    assert not Assignment.objects.exists()


def test_approving_a_full_post_is_refused_with_a_clear_message(member, peer, secretary, open_round, internal_post):
    first = submit(member, open_round, internal_post)
    second = submit(peer, open_round, internal_post)
    review_services.approve_nomination(secretary, nomination=first)
    with pytest.raises(Refusal, match="名额已满"):
        review_services.approve_nomination(secretary, nomination=second)
    second.refresh_from_db()
    assert second.status == Nomination.Status.SUBMITTED
    assert Assignment.objects.count() == 1


def test_a_decided_nomination_cannot_be_decided_again(member, secretary, open_round, window_post):
    nomination = submit(member, open_round, window_post)
    review_services.reject_nomination(secretary, nomination=nomination, reason="岗位要求不符")
    with pytest.raises(Refusal, match="已由他人处理"):
        review_services.approve_nomination(secretary, nomination=nomination)


def test_rejecting_needs_a_reason_and_tells_the_member(member, secretary, open_round, window_post):
    nomination = submit(member, open_round, window_post)
    with pytest.raises(Refusal, match="理由"):
        review_services.reject_nomination(secretary, nomination=nomination, reason=" ")
    review_services.reject_nomination(secretary, nomination=nomination, reason="岗位要求不符")
    nomination.refresh_from_db()
    assert (nomination.status, nomination.reason) == ("rejected", "岗位要求不符")
    assert "岗位要求不符" in Notification.objects.get(recipient=member.user).text
    # A rejected member may declare again while the round is open.
    submit(member, open_round, window_post)


def test_placing_on_another_post_needs_a_reason(member, secretary, open_round, window_post, internal_post):
    nomination = submit(member, open_round, window_post)
    with pytest.raises(Refusal):
        review_services.place_nomination(secretary, nomination=nomination, post=internal_post, reason="")
    with pytest.raises(Refusal, match="直接批准"):
        review_services.place_nomination(secretary, nomination=nomination, post=window_post, reason="理由")
    review_services.place_nomination(secretary, nomination=nomination, post=internal_post, reason="擅长文字写作")
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.PLACED
    assert nomination.assignment.post == internal_post
    assert "posts.nomination.placed" in actions()


def test_members_without_a_post_are_listed(member, peer, secretary, open_round, window_post):
    review_services.approve_nomination(secretary, nomination=submit(member, open_round, window_post))
    assert list(open_round.members_without_post()) == [peer]


def test_suggestions_rank_posts_by_specialty_age_and_free_places(branch_a1):
    from posts.models import Post

    member = MemberFactory(branch=branch_a1, specialties="户籍办理、窗口服务", birth_date=datetime.date(1990, 1, 1))
    fits = make_post(branch_a1, "户籍办理岗", required_specialties="户籍办理、窗口服务", min_age=20, max_age=50)
    too_old = make_post(branch_a1, "青年岗", required_specialties="窗口服务", max_age=25)
    full = make_post(branch_a1, "已满岗", required_specialties="户籍办理", capacity=1)
    Assignment.objects.create(member=MemberFactory(branch=branch_a1), post=full)
    posts = list(Post.objects.with_holder_count())
    ranked = suggestions.suggest_posts(member, posts, today=datetime.date(2026, 6, 1))
    assert [s.post for s in ranked][:2] == [fits, too_old]
    assert full not in [s.post for s in ranked]
    assert any("户籍办理" in reason for reason in ranked[0].reasons)
    assert any("不符合" in reason for reason in ranked[1].reasons)
