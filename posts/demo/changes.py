"""Demo data for the changes during the year, after the rounds: a departure, a transfer, a member
transferred in, a supplementary round, a direct placement and a handover.

The live posts stay at the document's 131: the retiree's and the transferred member's posts end, the
transferred member takes a post in the supplementary round and the direct placement gives one more.
Every change is dated weeks back and its publication confirmed, so the publications still in notice stay the
demo secretary's and the one held by an objection (posts/demo/held.py). Idempotent: nothing is written once a
membership change exists.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from members.models import Member, Organisation
from posts.changes import movements
from posts.changes.services import hand_over, members_without_post, place_directly
from posts.models import Assignment, Movement, Nomination, Post
from posts.nominations import services as nominations
from posts.publication import services as publication
from posts.review import services as review

CHANGE_BRANCH, FROM_BRANCH = "GA-1", "GA-2"


def _free_post(organisations, *, exclude=()):
    posts = Post.objects.filter(organisation__in=organisations).active().with_holder_count().exclude(pk__in=exclude).order_by("pk")
    return next((p for p in posts if p.places_left), None)


def _internal_holding(**lookup):
    return (Assignment.objects.confirmed().filter(post__kind=Post.Kind.INTERNAL, **lookup)
            .select_related("member__branch", "post").order_by("member__member_no").first())


def _without_post_or_declaration():
    pending = Nomination.objects.pending().values("member_id")
    return members_without_post(Member.objects.all()).exclude(pk__in=pending).exclude(branch__code="XZSP-1").select_related("branch")


def load(stdout=None):
    if Movement.objects.exists():
        if stdout:
            stdout.write(f"  changes: {Movement.objects.count()} membership changes (unchanged)")
        return
    User = get_user_model()
    admin, secretary = User.objects.get(username="admin"), User.objects.get(username="secretary2")
    branch, from_branch = Organisation.objects.get(code=CHANGE_BRANCH), Organisation.objects.get(code=FROM_BRANCH)
    now, today = timezone.now(), timezone.localdate()
    ago = lambda days: now - datetime.timedelta(days=days)  # noqa: E731
    day = lambda days: today - datetime.timedelta(days=days)  # noqa: E731

    # A retiree's post ends; so does a branch post of a member transferred into the demo branch.
    retiree = _internal_holding(member__branch=branch, post__organisation=branch)
    movements.record_departure(secretary, member=retiree.member, kind=Movement.Kind.RETIREMENT, on=day(26), reason="到龄退休。")
    moving = _internal_holding(member__branch=from_branch, post__organisation=from_branch)
    movements.transfer_member(admin, member=moving.member, to_branch=branch, on=day(25), reason="工作调动,组织关系转至第一党支部。")
    moved = Member.objects.select_related("branch").get(pk=moving.member_id)
    newcomer = movements.admit_member(
        secretary, branch=branch, kind=Movement.Kind.TRANSFER_IN, on=day(24), reason="由市公安局转入。",
        member_no="GA1-T01", name="周晓明", gender="M", birth_date=datetime.date(1991, 6, 1), education="bachelor",
        position="科员", specialties="户籍办理、群众工作",
    ).member

    # The supplementary round: the transferred member takes the retiree's post; the newcomer's declaration awaits review.
    rnd = nominations.open_supplementary_round(
        secretary, organisation=branch, year=today.year, idea="为年中转入和尚未认岗的党员补充认岗,做到人人有岗位。",
        opens_on=day(23), closes_on=today + datetime.timedelta(days=10),
    )
    taken = nominations.submit_nomination(
        secretary, round=rnd, post=retiree.post, statement="在原支部从事同类工作,熟悉业务。", member=moved, now=ago(22),
    )
    review.approve_nomination(secretary, nomination=taken, now=ago(21))
    publication.publish_round(secretary, round=rnd, now=ago(20))
    free = _free_post([branch, branch.parent])
    if free is not None:
        nominations.submit_nomination(secretary, round=rnd, post=free, statement="熟悉户籍办理,愿意在窗口服务群众。", member=newcomer, now=ago(2))

    # A direct placement (组织直接定岗) of a member no round gave a post.
    for member in _without_post_or_declaration().exclude(branch=branch).order_by("member_no")[:50]:
        post = _free_post([member.branch, member.branch.parent])
        if post is not None and post.organisation.rounds.filter(year=today.year).exists():
            place_directly(admin, member=member, post=post, reason="结合本人专长,组织直接安排到有空缺的岗位。", now=ago(19))
            break

    # A handover (交接) to a member still without a post in the same branch.
    for successor in _without_post_or_declaration().exclude(branch=branch).order_by("member_no")[:50]:
        holding = _internal_holding(post__organisation=successor.branch)
        if holding is not None and holding.round_id:
            hand_over(admin, assignment=holding, successor=successor, reason="原岗位党员工作调整,岗位交由接任者。", now=ago(18))
            break

    publication.confirm_due_publications(now=now)
    if stdout:
        stdout.write(
            f"  changes: {Movement.objects.count()} membership changes, supplementary round {rnd}, "
            f"{Assignment.objects.live().count()} members hold posts"
        )
