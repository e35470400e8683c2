"""Changes during the year: direct placement, supplementary rounds, handovers; refusals as a secretary reads them."""

import datetime

import pytest
from django.utils import timezone
from django.utils.translation import override

from pioneer.errors import Refusal
from posts.changes.services import hand_over, place_directly
from posts.models import Assignment, Publication, Round
from posts.nominations import services as nomination_services
from posts.review import services as review_services
from tests.factories import MemberFactory
from tests.posts.factories import actions, submit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _chinese():
    with override("zh-hans"):
        yield


def test_a_secretary_places_a_member_directly_and_it_is_published(secretary, member, open_round, window_post):
    publication = place_directly(secretary, member=member, post=window_post, reason="熟悉窗口业务。")
    assignment = member.assignments.live().get()
    assert assignment.post == window_post and assignment.round == open_round and assignment.status == Assignment.Status.PUBLISHED
    assert list(publication.assignments.all()) == [assignment] and publication.reason == "熟悉窗口业务。"
    assert "posts.assignment.placed_directly" in actions() and "posts.publication.published" in actions()
    assert member.user.notifications.filter(text__contains="直接").exists()


def test_direct_placement_works_after_the_round_closed(secretary, member, open_round, window_post):
    nomination_services.close_round(secretary, round=open_round)
    place_directly(secretary, member=member, post=window_post, reason="补岗。")
    assert member.assignments.live().exists()


def test_direct_placement_refuses_a_full_post(secretary, member, branch_a1, open_round, internal_post):
    place_directly(secretary, member=MemberFactory(branch=branch_a1), post=internal_post, reason="擅长写作。")
    with pytest.raises(Refusal) as exc:
        place_directly(secretary, member=member, post=internal_post, reason="擅长写作。")
    assert str(exc.value) == "岗位“党建宣传岗”名额已满（1 个名额均已安排），请为该党员选择其他岗位。"


def test_direct_placement_refuses_a_member_who_holds_a_post(secretary, member, open_round, window_post, internal_post):
    place_directly(secretary, member=member, post=window_post, reason="熟悉窗口业务。")
    with pytest.raises(Refusal) as exc:
        place_directly(secretary, member=member, post=internal_post, reason="擅长写作。")
    assert str(exc.value) == "张伟 已有先锋岗。"


def test_direct_placement_refuses_a_member_with_a_pending_declaration(secretary, member, open_round, window_post, internal_post):
    submit(member, open_round, window_post)
    with pytest.raises(Refusal) as exc:
        place_directly(secretary, member=member, post=internal_post, reason="擅长写作。")
    assert str(exc.value) == "张伟 有待审核的认岗申报，请先对其作出决定。"


def test_direct_placement_refuses_without_a_round_this_year(secretary, member, window_post):
    with pytest.raises(Refusal) as exc:
        place_directly(secretary, member=member, post=window_post, reason="补岗。")
    assert str(exc.value) == f"审批办第一党支部 {timezone.localdate().year} 年尚未开展认岗活动，请先开展当年的认岗活动再定岗。"


def test_direct_placement_refuses_another_branch_secretary_and_another_branch_member(
    other_secretary, secretary, branch_a2, open_round, window_post
):
    stranger = MemberFactory(branch=branch_a2, name="王强")
    with pytest.raises(Refusal) as exc:
        place_directly(other_secretary, member=stranger, post=window_post, reason="补岗。")
    assert str(exc.value) == "您不负责管理审批办第一党支部。"
    with pytest.raises(Refusal) as exc:
        place_directly(secretary, member=stranger, post=window_post, reason="补岗。")
    assert str(exc.value) == "王强 不是 审批办第一党支部 的党员。"


def test_a_supplementary_round_is_allowed_after_the_regular_one(secretary, member, branch_a1, open_round, window_post):
    nomination_services.close_round(secretary, round=open_round)
    today = timezone.localdate()
    rnd = nomination_services.open_supplementary_round(
        secretary, organisation=branch_a1, year=today.year, idea="为尚未认岗的党员补充认岗。", opens_on=today, closes_on=today + datetime.timedelta(days=7),
    )
    assert rnd.kind == Round.Kind.SUPPLEMENTARY and rnd.is_open
    assert "posts.round.supplementary_opened" in actions()
    assert member.user.notifications.filter(text__contains="补充认岗").exists()
    nomination = submit(member, rnd, window_post)
    review_services.approve_nomination(secretary, nomination=nomination)
    assert member.assignments.live().get().round == rnd


def test_a_second_regular_round_is_still_refused(secretary, branch_a1, open_round):
    today = timezone.localdate()
    with pytest.raises(Refusal) as exc:
        nomination_services.open_round(secretary, organisation=branch_a1, year=today.year, idea="再来一次。", opens_on=today, closes_on=today)
    assert str(exc.value) == "该组织当年已开展过认岗活动。"


def test_a_supplementary_round_waits_for_the_regular_round_to_close(secretary, branch_a1, open_round):
    today = timezone.localdate()
    with pytest.raises(Refusal) as exc:
        nomination_services.open_supplementary_round(secretary, organisation=branch_a1, year=today.year, idea="补充。", opens_on=today, closes_on=today)
    assert str(exc.value) == "该组织当年仍有进行中的认岗活动，请先结束后再开展补充认岗。"


def test_a_supplementary_round_needs_a_regular_round(secretary, branch_a1, window_post):
    today = timezone.localdate()
    with pytest.raises(Refusal) as exc:
        nomination_services.open_supplementary_round(secretary, organisation=branch_a1, year=today.year, idea="补充。", opens_on=today, closes_on=today)
    assert str(exc.value) == "补充认岗在当年的常规认岗之后开展，请先开展常规认岗。"


def test_a_supplementary_round_refuses_a_member_who_already_holds_a_post(secretary, member, branch_a1, open_round, window_post, internal_post):
    review_services.approve_nomination(secretary, nomination=submit(member, open_round, window_post))
    MemberFactory(branch=branch_a1, name="无岗者")
    nomination_services.close_round(secretary, round=open_round)
    today = timezone.localdate()
    rnd = nomination_services.open_supplementary_round(
        secretary, organisation=branch_a1, year=today.year, idea="补充。", opens_on=today, closes_on=today + datetime.timedelta(days=3),
    )
    with pytest.raises(Refusal) as exc:
        submit(member, rnd, internal_post)
    assert str(exc.value) == "补充认岗只面向尚未认岗的党员，您已有岗位。"


def test_no_supplementary_round_when_everyone_holds_a_post(secretary, member, branch_a1, open_round, window_post):
    review_services.approve_nomination(secretary, nomination=submit(member, open_round, window_post))
    nomination_services.close_round(secretary, round=open_round)
    today = timezone.localdate()
    with pytest.raises(Refusal) as exc:
        nomination_services.open_supplementary_round(secretary, organisation=branch_a1, year=today.year, idea="补充。", opens_on=today, closes_on=today)
    assert str(exc.value) == "审批办第一党支部 的党员均已有岗位，无需补充认岗。"


def test_a_handover_keeps_both_names_and_is_published(secretary, member, peer, open_round, window_post):
    place_directly(secretary, member=member, post=window_post, reason="熟悉窗口业务。")
    old = member.assignments.live().get()
    publication = hand_over(secretary, assignment=old, successor=peer, reason="张伟调岗，由李娜接任。")
    old.refresh_from_db()
    new = peer.assignments.live().get()
    assert old.status == Assignment.Status.ENDED and old.end_reason == Assignment.EndReason.HANDOVER and old.ended_on == timezone.localdate()
    assert new.predecessor == old and old.successor == new and new.post == window_post
    assert list(publication.assignments.all()) == [new] and "张伟" in publication.title and "李娜" in publication.title
    assert "posts.assignment.handed_over" in actions()
    assert peer.user.notifications.filter(text__contains="张伟").exists()


def test_a_handover_refuses_a_successor_who_holds_a_post(secretary, member, peer, open_round, window_post, internal_post):
    place_directly(secretary, member=member, post=window_post, reason="熟悉窗口业务。")
    place_directly(secretary, member=peer, post=internal_post, reason="擅长写作。")
    with pytest.raises(Refusal) as exc:
        hand_over(secretary, assignment=member.assignments.live().get(), successor=peer, reason="交接。")
    assert str(exc.value) == "李娜 已有先锋岗。"
    assert member.assignments.live().exists() and Publication.objects.count() == 2


def test_a_handover_to_oneself_is_refused(secretary, member, open_round, window_post):
    place_directly(secretary, member=member, post=window_post, reason="熟悉窗口业务。")
    with pytest.raises(Refusal) as exc:
        hand_over(secretary, assignment=member.assignments.live().get(), successor=member, reason="交接。")
    assert str(exc.value) == "接任者须为其他党员。"


