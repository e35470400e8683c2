"""Step 1 as rules: one nomination per member per round, only in an open round of one's own, changed or withdrawn until reviewed."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from pioneer.errors import Refusal
from posts.models import Assignment, Nomination, Round
from posts.nominations import services as nomination_services
from posts.review import services as review_services
from tests.factories import MemberFactory
from tests.posts.factories import actions, make_post, make_round, submit


def test_a_member_declares_one_post_in_an_open_round(member, open_round, window_post):
    nomination = submit(member, open_round, window_post)
    assert nomination.status == Nomination.Status.SUBMITTED
    assert actions() == ["posts.nomination.submitted"]


def test_declaring_twice_is_refused(member, open_round, window_post, internal_post):
    submit(member, open_round, window_post)
    with pytest.raises(Refusal, match="每人只能认领一个岗位"):
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
    with pytest.raises(Refusal, match="不在进行中"):
        submit(member, rnd, window_post)
    assert not Nomination.objects.exists()


def test_nominating_in_another_organisations_round_is_refused(member, b1_round, b1_post):
    with pytest.raises(Refusal, match="其他组织"):
        submit(member, b1_round, b1_post)


def test_nominating_for_another_organisations_post_is_refused(member, open_round, b1_post):
    with pytest.raises(Refusal, match="不提供此岗位"):
        submit(member, open_round, b1_post)


def test_a_member_may_nominate_in_the_unit_round(member, unit_a):
    post = make_post(unit_a, "企业开办“一窗受理”岗")
    submit(member, make_round(unit_a), post)
    assert Nomination.objects.get().post == post


def test_nominating_for_a_full_post_is_refused(member, open_round, internal_post, branch_a1):
    Assignment.objects.create(member=MemberFactory(branch=branch_a1), post=internal_post)
    with pytest.raises(Refusal, match="名额已满"):
        submit(member, open_round, internal_post)


@pytest.mark.parametrize("statement", ["", "   ", "字" * 1001])
def test_an_empty_or_oversized_statement_is_refused(member, open_round, window_post, statement):
    with pytest.raises(Refusal):
        submit(member, open_round, window_post, statement)
    assert not Nomination.objects.exists()


def test_a_member_changes_or_withdraws_until_reviewed(member, secretary, open_round, window_post, internal_post):
    nomination = submit(member, open_round, window_post)
    nomination_services.change_nomination(member.user, nomination=nomination, post=internal_post, statement="我擅长文字写作。")
    nomination.refresh_from_db()
    assert nomination.post == internal_post
    nomination_services.withdraw_nomination(member.user, nomination=nomination)
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.WITHDRAWN
    again = submit(member, open_round, window_post)
    review_services.approve_nomination(secretary, nomination=again)
    with pytest.raises(Refusal, match="不能再修改"):
        nomination_services.withdraw_nomination(member.user, nomination=again)
    with pytest.raises(Refusal, match="不能再修改"):
        nomination_services.change_nomination(member.user, nomination=again, post=internal_post, statement="改")
    assert actions()[:3] == ["posts.nomination.submitted", "posts.nomination.changed", "posts.nomination.withdrawn"]


def test_only_the_member_changes_their_nomination(member, peer, open_round, window_post):
    nomination = submit(member, open_round, window_post)
    with pytest.raises(Refusal, match="本人"):
        nomination_services.withdraw_nomination(peer.user, nomination=nomination)


def test_a_member_holding_a_post_cannot_nominate(member, secretary, open_round, window_post, internal_post):
    review_services.approve_nomination(secretary, nomination=submit(member, open_round, window_post))
    rnd = make_round(member.branch.parent)
    with pytest.raises(Refusal, match="已有先锋岗"):
        submit(member, rnd, make_post(member.branch.parent, "单位岗"))
