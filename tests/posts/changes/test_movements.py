"""Members joining, transferring and leaving: the post ends at once, the window and handbook follow, history stays."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from evaluation.models import Result
from evaluation.years.services import create_year
from members.models import AuditEntry
from pioneer.errors import Refusal
from posts.changes.movements import admit_member, record_departure, transfer_member
from posts.handbook.services import compile_handbook
from posts.models import Assignment, Movement, Post
from posts.windows.selectors import members_on_duty
from tests.factories import BranchFactory, CommitteeFactory, MemberFactory, UnitFactory
from tests.posts.factories import actions

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _chinese():
    with override("zh-hans"):
        yield


@pytest.fixture
def on_duty(window_a):
    return members_on_duty(window_a).select_related("member").first()


def test_a_departed_member_leaves_the_window_at_once(window_a, on_duty, secretary):
    member = on_duty.member
    day = timezone.localdate() - datetime.timedelta(days=2)
    movement = record_departure(secretary, member=member, kind=Movement.Kind.RETIREMENT, on=day, reason="到龄退休。")
    on_duty.refresh_from_db()
    assert on_duty.status == Assignment.Status.ENDED and on_duty.end_reason == "retirement" and on_duty.ended_on == day
    assert member not in [a.member for a in members_on_duty(window_a)]
    post = Post.objects.with_holder_count().get(pk=on_duty.post_id)
    assert post.places_left == 1
    member.refresh_from_db()
    assert not member.is_active and movement.from_branch == member.branch and movement.kind == "retirement"
    assert {"posts.assignment.ended", "members.member.left", "posts.movement.retirement"} <= set(actions())


def test_the_next_handbook_edition_leaves_the_departed_member_out(window_a, on_duty, secretary):
    name = on_duty.member.name
    assert name in str(compile_handbook())
    record_departure(secretary, member=on_duty.member, kind=Movement.Kind.TRANSFER_OUT, on=timezone.localdate(), reason="调往市里。")
    assert name not in str(compile_handbook())


def test_evaluation_history_stays_with_the_departed_member(window_a, on_duty, secretary, committee_staff):
    year = create_year(committee_staff, number=timezone.localdate().year - 1)
    result = Result.objects.create(year=year, kind=Result.Kind.MEMBER, member=on_duty.member)
    record_departure(secretary, member=on_duty.member, kind=Movement.Kind.DEATH, on=timezone.localdate())
    result.refresh_from_db()
    assert result.member == on_duty.member and list(on_duty.member.evaluation_results.all()) == [result]


def test_a_departed_member_is_not_counted_without_a_post(secretary, member, open_round):
    assert member in open_round.members_without_post()
    record_departure(secretary, member=member, kind=Movement.Kind.RETIREMENT, on=timezone.localdate())
    assert member not in open_round.members_without_post()


def test_a_departure_withdraws_a_pending_declaration(secretary, member, open_round, window_post):
    from tests.posts.factories import submit

    nomination = submit(member, open_round, window_post)
    record_departure(secretary, member=member, kind=Movement.Kind.RETIREMENT, on=timezone.localdate())
    nomination.refresh_from_db()
    assert nomination.status == "withdrawn"


def test_leaving_twice_is_refused(secretary, member):
    record_departure(secretary, member=member, kind=Movement.Kind.RETIREMENT, on=timezone.localdate())
    with pytest.raises(Refusal) as exc:
        record_departure(secretary, member=member, kind=Movement.Kind.DEATH, on=timezone.localdate())
    assert str(exc.value) == "张伟 已经离开。"


def test_an_expulsion_needs_a_reason_and_a_leaving_needs_a_leaving_kind(secretary, member):
    with pytest.raises(Refusal) as exc:
        record_departure(secretary, member=member, kind=Movement.Kind.EXPULSION, on=timezone.localdate())
    assert str(exc.value) == "请填写离开的原因。"
    with pytest.raises(Refusal) as exc:
        record_departure(secretary, member=member, kind=Movement.Kind.TRANSFER, on=timezone.localdate())
    assert str(exc.value) == "请选择党员离开的原因：退休、组织关系转出、去世或开除党籍。"


def test_another_branch_secretary_cannot_record_a_departure(other_secretary, member):
    with pytest.raises(Refusal) as exc:
        record_departure(other_secretary, member=member, kind=Movement.Kind.RETIREMENT, on=timezone.localdate())
    assert str(exc.value) == "您不负责管理审批办第一党支部。"


def test_a_transfer_ends_a_branch_post_and_moves_the_member(window_a, on_duty, unit_secretary, branch_a2):
    member = on_duty.member
    movement = transfer_member(unit_secretary, member=member, to_branch=branch_a2, on=timezone.localdate(), reason="工作调动。")
    member.refresh_from_db()
    on_duty.refresh_from_db()
    assert member.branch == branch_a2 and member.is_active
    assert on_duty.status == Assignment.Status.ENDED and on_duty.end_reason == "transfer"
    assert (movement.from_branch.code, movement.to_branch.code) == ("UA-1", "UA-2")
    assert member not in [a.member for a in members_on_duty(window_a)]
    entry = AuditEntry.objects.get(action="members.member.branch_changed")
    assert (entry.from_state, entry.to_state) == ("UA-1", "UA-2")


def test_a_unit_post_stays_with_a_member_transferred_inside_the_unit(unit_a, branch_a1, branch_a2, unit_secretary):
    member = MemberFactory(branch=branch_a1)
    post = Post.objects.create(organisation=unit_a, title="单位岗", duties="服务", kind=Post.Kind.INTERNAL, capacity=1)
    assignment = Assignment.objects.create(member=member, post=post, status=Assignment.Status.CONFIRMED)
    transfer_member(unit_secretary, member=member, to_branch=branch_a2, on=timezone.localdate())
    assignment.refresh_from_db()
    assert assignment.is_live


def test_a_transfer_to_the_same_branch_is_refused(secretary, member, branch_a1):
    with pytest.raises(Refusal) as exc:
        transfer_member(secretary, member=member, to_branch=branch_a1, on=timezone.localdate())
    assert str(exc.value) == "张伟 已是审批办第一党支部的党员。"


def test_a_transfer_stays_in_the_district(client_for, secretary, member, branch_a2, branch_b1):
    other_district = BranchFactory(code="C2-1", name="二区第一党支部", parent=UnitFactory(code="C2U", parent=CommitteeFactory(code="C2")))
    with pytest.raises(Refusal) as exc:
        transfer_member(secretary, member=member, to_branch=other_district, on=timezone.localdate())
    assert str(exc.value) == "二区第一党支部 属于其他区：请登记组织关系转出，由对方区登记转入。"
    member.refresh_from_db()
    assert member.branch_id != other_district.pk and not Movement.objects.exists()
    # The form offers the district's other branches only: the other district's are not the secretary's to see.
    choices = client_for(secretary).get(reverse("posts:member_transfer", args=[member.pk])).context["form"].fields["to_branch"].queryset
    assert set(choices) == {branch_a2, branch_b1}


def test_a_new_member_joins_without_a_post(secretary, branch_a1, open_round):
    movement = admit_member(
        secretary, branch=branch_a1, kind=Movement.Kind.NEW_MEMBER, on=timezone.localdate(), reason="预备党员转正。",
        member_no="A1-900", name="新党员", gender="F", birth_date=datetime.date(1998, 3, 1), education="bachelor", position="科员",
    )
    assert movement.to_branch == branch_a1 and movement.member.is_active
    assert movement.member in open_round.members_without_post()
    assert {"members.member.joined", "posts.movement.new_member"} <= set(actions())


def test_joining_needs_a_joining_kind(secretary, branch_a1):
    with pytest.raises(Refusal) as exc:
        admit_member(secretary, branch=branch_a1, kind=Movement.Kind.DEATH, on=timezone.localdate(), member_no="X1", name="某")
    assert str(exc.value) == "请选择党员加入的方式：新发展党员或组织关系转入。"
