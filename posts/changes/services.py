"""Changes during the year to who holds a post: the organisation places a member directly (组织直接定岗),
a member hands a post over to a successor (交接), a live assignment ends. A new assignment is published
like any other (step 3)."""

from django.db import transaction
from django.utils.translation import gettext as _

from members import audit
from members.models import Member, Organisation, Role
from pioneer.errors import Refusal
from pioneer.words import Message
from posts.common import check_manages, clean_text, day_of, notify_member, now_or
from posts.models import Assignment, Nomination, Publication, Round
from posts.publication.services import new_publication
from posts.review.services import take_place


def belongs_to(member, organisation) -> bool:
    """Is the member in the organisation (its own branch, or a branch of the unit)?"""
    if organisation.kind == Organisation.Kind.UNIT:
        return member.branch.parent_id == organisation.pk
    return member.branch_id == organisation.pk


def year_round(organisation, year):
    """The round a change of this year is published under: the latest one of the organisation."""
    return Round.objects.filter(organisation=organisation, year=year).order_by("-created_at", "-pk").first()


def _round_for(post, now) -> Round:
    rnd = year_round(post.organisation, day_of(now).year)
    if rnd is None:
        raise Refusal(
            _("%(organisation)s has no round in %(year)s: open the year's round before placing members.")
            % {"organisation": post.organisation, "year": day_of(now).year}
        )
    return rnd


def lock_member(member) -> Member:
    return Member.objects.select_for_update(of=("self",)).select_related("branch__parent", "user").get(pk=member.pk)


def tell_managers(organisation, text, url="", *, exclude=None):
    """Tell the secretaries of an organisation (and of its unit, for a branch); `text` a Message, read in each one's language."""
    ids = [organisation.pk] + ([organisation.parent_id] if organisation.kind == Organisation.Kind.BRANCH else [])
    for role in Role.objects.filter(organisation_id__in=ids).exclude(kind=Role.Kind.COMMITTEE_STAFF).select_related("user"):
        if role.user != exclude:
            audit.notify(role.user, text, url)


def place_directly(actor, *, member, post, reason, now=None) -> Publication:
    """The organisation places a member without a post on a post directly (no nomination); it is published."""
    reason = clean_text(reason, required_message=_("Give the reason for placing the member on this post."))
    check_manages(actor, post.organisation)
    with transaction.atomic():
        locked = lock_member(member)
        if not locked.is_active:
            raise Refusal(_("%(member)s is no longer in service and cannot be placed on a post.") % {"member": locked})
        if not belongs_to(locked, post.organisation):
            raise Refusal(_("%(member)s is not a member of %(organisation)s.") % {"member": locked, "organisation": post.organisation})
        if Nomination.objects.filter(member=locked).pending().exists():
            raise Refusal(_("%(member)s has a declaration awaiting review: decide on it instead.") % {"member": locked})
        rnd = _round_for(post, now)
        assignment = take_place(post, locked, rnd, actor, reason, now)
        audit.record(actor, "posts.assignment.placed_directly", assignment, to_state=assignment.status, reason=reason)
        notify_member(
            locked, Message("The organisation placed you directly on the post %(post)s: %(reason)s", post=assignment.post, reason=reason),
            assignment.get_holder_url(),
        )
        title = Message("%(organisation)s %(year)s pioneer posts: direct placement of %(member)s",
                        organisation=rnd.organisation, year=rnd.year, member=locked)
        return new_publication(actor, round=rnd, assignments=[assignment], title=title, reason=reason, now=now)


def end_assignment(actor, *, assignment, end_reason, on=None, reason="", now=None) -> Assignment:
    """End a live assignment (inside the caller's transaction): the window and vacancy follow at once."""
    locked = Assignment.objects.select_for_update(of=("self",)).select_related("post", "member").get(pk=assignment.pk)
    if not locked.is_live:
        raise Refusal(_("This assignment has already ended."))
    old_status = locked.status
    locked.status, locked.ended_at = Assignment.Status.ENDED, now_or(now)
    locked.ended_on, locked.end_reason = on or day_of(now), end_reason
    locked.save(update_fields=["status", "ended_at", "ended_on", "end_reason"])
    audit.record(actor, "posts.assignment.ended", locked, from_state=old_status, to_state=f"{locked.status}:{end_reason}", reason=reason)
    return locked


def hand_over(actor, *, assignment, successor, reason, on=None, now=None) -> Publication:
    """The holder hands the post over (交接) to a successor; both names stay on the record and it is published."""
    reason = clean_text(reason, required_message=_("Give the reason for the handover."))
    post = assignment.post
    check_manages(actor, post.organisation)
    with transaction.atomic():
        new_holder = lock_member(successor)
        if assignment.member_id == new_holder.pk:
            raise Refusal(_("The successor must be another member."))
        if not new_holder.is_active:
            raise Refusal(_("%(member)s is no longer in service and cannot be placed on a post.") % {"member": new_holder})
        if not belongs_to(new_holder, post.organisation):
            raise Refusal(_("%(member)s is not a member of %(organisation)s.") % {"member": new_holder, "organisation": post.organisation})
        if new_holder.assignments.live().exists():
            raise Refusal(_("%(member)s already holds a post.") % {"member": new_holder})
        old = end_assignment(actor, assignment=assignment, end_reason=Assignment.EndReason.HANDOVER, on=on, reason=reason, now=now)
        rnd = old.round or _round_for(post, now)
        new = take_place(post, new_holder, rnd, actor, reason, now)
        new.predecessor = old
        new.save(update_fields=["predecessor"])
        audit.record(actor, "posts.assignment.handed_over", new, from_state=str(old.member), to_state=str(new_holder), reason=reason)
        notify_member(old.member, Message("You handed the post %(post)s over to %(member)s.", post=post, member=new_holder))
        notify_member(
            new_holder, Message("%(member)s handed the post %(post)s over to you.", post=post, member=old.member), new.get_holder_url(),
        )
        title = Message("%(organisation)s %(year)s pioneer posts: handover of %(post)s from %(old)s to %(new)s",
                        organisation=rnd.organisation, year=rnd.year, post=post, old=old.member, new=new_holder)
        return new_publication(actor, round=rnd, assignments=[new], title=title, reason=reason, now=now)


def members_without_post(queryset):
    """Members in service holding no live post."""
    return queryset.filter(is_active=True).exclude(assignments__status__in=Assignment.LIVE)


__all__ = ["belongs_to", "end_assignment", "hand_over", "members_without_post", "place_directly", "tell_managers", "year_round"]
