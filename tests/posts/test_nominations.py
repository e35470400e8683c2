"""Steps 1–2 as rules: one nomination per member per round, capacity, and every transition allowed or refused."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from members.models import AuditEntry, Notification
from posts.models import Assignment, Nomination, Round
from posts.services import nominations as services
from posts.services.nominations import DomainError
from tests.factories import MemberFactory, UserFactory
from tests.posts.conftest import make_post, make_round


@pytest.fixture
def peer(branch_a1):
    return MemberFactory(branch=branch_a1, name="李娜", user=UserFactory(username="peer"))


def submit(member, rnd, post, statement="熟悉政策咨询,长期在窗口工作。"):
    return services.submit_nomination(member.user, rnd, post, statement)


def actions():
    return list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))


# --- self-nomination ------------------------------------------------------------------------------------------------


def test_a_member_declares_one_post_in_an_open_round(member, open_round, window_post):
    nomination = submit(member, open_round, window_post)
    assert nomination.status == Nomination.Status.SUBMITTED
    assert actions() == ["posts.nomination.submitted"]


def test_declaring_twice_is_refused(member, open_round, window_post, internal_post):
    submit(member, open_round, window_post)
    with pytest.raises(DomainError, match="每人只能认领一个岗位"):
        submit(member, open_round, internal_post)
    assert Nomination.objects.count() == 1


def test_the_database_holds_one_live_nomination_per_member_and_round(member, open_round, window_post, internal_post):
    Nomination.objects.create(round=open_round, member=member, post=window_post, statement="一")
    with pytest.raises(IntegrityError), transaction.atomic():
        Nomination.objects.create(round=open_round, member=member, post=internal_post, statement="二")
    # A withdrawn one leaves room for a new one.
    Nomination.objects.update(status=Nomination.Status.WITHDRAWN)
    Nomination.objects.create(round=open_round, member=member, post=internal_post, statement="三")


@pytest.mark.parametrize("when", ["before", "after", "closed"])
def test_nominating_outside_an_open_round_is_refused(member, branch_a1, window_post, when):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    rnd = {
        "before": lambda: make_round(branch_a1, opens_on=today + day, closes_on=today + 5 * day),
        "after": lambda: make_round(branch_a1, opens_on=today - 5 * day, closes_on=today - day),
        "closed": lambda: make_round(branch_a1, status=Round.Status.CLOSED),
    }[when]()
    with pytest.raises(DomainError, match="不在进行中"):
        submit(member, rnd, window_post)
    assert not Nomination.objects.exists()


def test_nominating_in_another_organisations_round_is_refused(member, b1_round, b1_post):
    with pytest.raises(DomainError, match="其他组织"):
        submit(member, b1_round, b1_post)


def test_nominating_for_another_organisations_post_is_refused(member, open_round, b1_post):
    with pytest.raises(DomainError, match="不提供此岗位"):
        submit(member, open_round, b1_post)


def test_a_member_may_nominate_in_the_unit_round(member, unit_a):
    post = make_post(unit_a, "企业开办“一窗受理”岗")
    submit(member, make_round(unit_a), post)
    assert Nomination.objects.get().post == post


def test_nominating_for_a_full_post_is_refused(member, open_round, internal_post, branch_a1):
    Assignment.objects.create(member=MemberFactory(branch=branch_a1), post=internal_post)
    with pytest.raises(DomainError, match="名额已满"):
        submit(member, open_round, internal_post)


@pytest.mark.parametrize("statement", ["", "   ", "字" * 1001])
def test_an_empty_or_oversized_statement_is_refused(member, open_round, window_post, statement):
    with pytest.raises(DomainError):
        submit(member, open_round, window_post, statement)
    assert not Nomination.objects.exists()


def test_a_member_changes_or_withdraws_until_reviewed(member, secretary, open_round, window_post, internal_post):
    nomination = submit(member, open_round, window_post)
    services.change_nomination(member.user, nomination, internal_post, "我擅长文字写作。")
    nomination.refresh_from_db()
    assert nomination.post == internal_post
    services.withdraw_nomination(member.user, nomination)
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.WITHDRAWN
    again = submit(member, open_round, window_post)
    services.approve_nomination(secretary, again)
    with pytest.raises(DomainError, match="不能再修改"):
        services.withdraw_nomination(member.user, again)
    with pytest.raises(DomainError, match="不能再修改"):
        services.change_nomination(member.user, again, internal_post, "改")
    assert actions()[:3] == ["posts.nomination.submitted", "posts.nomination.changed", "posts.nomination.withdrawn"]


def test_only_the_member_changes_their_nomination(member, peer, open_round, window_post):
    nomination = submit(member, open_round, window_post)
    with pytest.raises(DomainError, match="本人"):
        services.withdraw_nomination(peer.user, nomination)


# --- organisation review --------------------------------------------------------------------------------------------


def test_approving_sets_the_member_on_the_post_and_tells_them(member, secretary, open_round, window_post):
    nomination = services.approve_nomination(secretary, submit(member, open_round, window_post), reason="专长相符")
    assignment = nomination.assignment
    assert nomination.status == Nomination.Status.APPROVED
    assert (assignment.member, assignment.post, assignment.status, assignment.round) == (member, window_post, "approved", open_round)
    assert assignment.decided_by == secretary
    assert "posts.nomination.approved" in actions()
    assert Notification.objects.get(recipient=member.user).text.startswith("您认领的岗位")


def test_approving_in_another_branch_is_refused(member, other_secretary, open_round, window_post):
    nomination = submit(member, open_round, window_post)
    with pytest.raises(DomainError, match="不负责管理"):
        services.approve_nomination(other_secretary, nomination)
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.SUBMITTED
    assert not Assignment.objects.exists()


def test_approving_a_full_post_is_refused_with_a_clear_message(member, peer, secretary, open_round, internal_post):
    first = submit(member, open_round, internal_post)
    second = submit(peer, open_round, internal_post)
    services.approve_nomination(secretary, first)
    with pytest.raises(DomainError, match="名额已满"):
        services.approve_nomination(secretary, second)
    second.refresh_from_db()
    assert second.status == Nomination.Status.SUBMITTED
    assert Assignment.objects.count() == 1


def test_a_decided_nomination_cannot_be_decided_again(member, secretary, open_round, window_post):
    nomination = submit(member, open_round, window_post)
    services.reject_nomination(secretary, nomination, "岗位要求不符")
    with pytest.raises(DomainError, match="已由他人处理"):
        services.approve_nomination(secretary, nomination)


def test_rejecting_needs_a_reason_and_tells_the_member(member, secretary, open_round, window_post):
    nomination = submit(member, open_round, window_post)
    with pytest.raises(DomainError, match="理由"):
        services.reject_nomination(secretary, nomination, " ")
    services.reject_nomination(secretary, nomination, "岗位要求不符")
    nomination.refresh_from_db()
    assert (nomination.status, nomination.reason) == ("rejected", "岗位要求不符")
    assert "岗位要求不符" in Notification.objects.get(recipient=member.user).text
    # A rejected member may declare again while the round is open.
    submit(member, open_round, window_post)


def test_placing_on_another_post_needs_a_reason(member, secretary, open_round, window_post, internal_post):
    nomination = submit(member, open_round, window_post)
    with pytest.raises(DomainError):
        services.place_nomination(secretary, nomination, internal_post, "")
    with pytest.raises(DomainError, match="直接批准"):
        services.place_nomination(secretary, nomination, window_post, "理由")
    services.place_nomination(secretary, nomination, internal_post, "擅长文字写作")
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.PLACED
    assert nomination.assignment.post == internal_post
    assert "posts.nomination.placed" in actions()


def test_a_member_holding_a_post_cannot_nominate(member, secretary, open_round, window_post, internal_post):
    services.approve_nomination(secretary, submit(member, open_round, window_post))
    rnd = make_round(member.branch.parent)
    with pytest.raises(DomainError, match="已有先锋岗"):
        submit(member, rnd, make_post(member.branch.parent, "单位岗"))


def test_members_without_a_post_are_listed(member, peer, secretary, open_round, window_post):
    services.approve_nomination(secretary, submit(member, open_round, window_post))
    assert list(open_round.members_without_post()) == [peer]


# --- suggestions ----------------------------------------------------------------------------------------------------


def test_suggestions_rank_posts_by_specialty_age_and_free_places(branch_a1):
    from posts.models import Post

    member = MemberFactory(branch=branch_a1, specialties="户籍办理、窗口服务", birth_date=datetime.date(1990, 1, 1))
    fits = make_post(branch_a1, "户籍办理岗", required_specialties="户籍办理、窗口服务", min_age=20, max_age=50)
    too_old = make_post(branch_a1, "青年岗", required_specialties="窗口服务", max_age=25)
    full = make_post(branch_a1, "已满岗", required_specialties="户籍办理", capacity=1)
    Assignment.objects.create(member=MemberFactory(branch=branch_a1), post=full)
    posts = list(Post.objects.with_holder_count())
    ranked = services.suggest_posts(member, posts, today=datetime.date(2026, 6, 1))
    assert [s.post for s in ranked][:2] == [fits, too_old]
    assert full not in [s.post for s in ranked]
    assert any("户籍办理" in reason for reason in ranked[0].reasons)
    assert any("不符合" in reason for reason in ranked[1].reasons)
