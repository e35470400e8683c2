"""Members joining, transferring and leaving during the year.

The member's own record is changed by `members.movements` (the floor); this module, one layer up,
records why (`Movement`) and ends the post the move takes away, in the same transaction. Calling the
floor from here, rather than having the floor send a signal posts listens to, keeps the order
explicit and lets a refusal stop the whole move: a signal handler's refusal would surface from a
members function that knows nothing of posts.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from members import audit
from members import movements as member_records
from members.models import Organisation
from pioneer.errors import Refusal
from pioneer.words import Message
from posts.changes.services import belongs_to, end_assignment, lock_member, tell_managers
from posts.common import check_manages, clean_text, notify_member
from posts.models import Assignment, Movement, Nomination


def _check_branch(branch):
    if branch.kind != Organisation.Kind.BRANCH:
        raise Refusal(_("A member belongs to a branch: choose a branch."))


def _withdraw_pending(actor, member, reason):
    for nomination in Nomination.objects.select_for_update().filter(member=member).pending():
        nomination.status = Nomination.Status.WITHDRAWN
        nomination.save(update_fields=["status", "updated_at"])
        audit.record(actor, "posts.nomination.withdrawn", nomination, from_state=Nomination.Status.SUBMITTED, to_state=nomination.status, reason=reason)


def admit_member(actor, *, branch, kind, on, reason="", **fields):
    """A member joins a branch: a new member (新党员) or one transferred in (转入). They start without a post."""
    check_manages(actor, branch)
    _check_branch(branch)
    if kind not in Movement.JOINING:
        raise Refusal(_("Choose how the member joins: a new member or a transfer in."))
    with transaction.atomic():
        member = member_records.join_member(actor, branch=branch, **fields)
        movement = Movement.objects.create(member=member, kind=kind, on=on, reason=reason, to_branch=branch, recorded_by=actor)
        audit.record(actor, f"posts.movement.{kind}", movement, to_state=branch.code, reason=reason)
        tell_managers(branch, Message("%(member)s joined %(branch)s and has no post yet.", member=member, branch=branch), exclude=actor)
    return movement


def transfer_member(actor, *, member, to_branch, on, reason="") -> Movement:
    """A member moves to another branch; a post the new branch cannot offer them ends with the transfer."""
    check_manages(actor, member.branch)
    _check_branch(to_branch)
    with transaction.atomic():
        locked = lock_member(member)
        if not locked.is_active:
            raise Refusal(_("%(member)s has already left: record their return instead.") % {"member": locked})
        if to_branch.committee_id != locked.branch.committee_id:
            # Another district's branch is not the actor's to fill: the member is transferred out, and joins there.
            raise Refusal(_("%(branch)s is in another district: record a transfer out; that district records the transfer in.")
                          % {"branch": to_branch})
        if locked.branch_id == to_branch.pk:
            raise Refusal(_("%(member)s is already a member of %(branch)s.") % {"member": locked, "branch": to_branch})
        from_branch = locked.branch
        member_records.move_member(actor, member=locked, branch=to_branch, reason=reason)
        locked.branch = Organisation.objects.select_related("parent").get(pk=to_branch.pk)
        ended = None
        for assignment in locked.assignments.live().select_related("post__organisation"):
            # A post of the unit both branches belong to stays with the member.
            if not belongs_to(locked, assignment.post.organisation):
                ended = end_assignment(actor, assignment=assignment, end_reason=Assignment.EndReason.TRANSFER, on=on, reason=reason)
        _withdraw_pending(actor, locked, reason)
        movement = Movement.objects.create(
            member=locked, kind=Movement.Kind.TRANSFER, on=on, reason=reason, from_branch=from_branch, to_branch=to_branch, recorded_by=actor,
        )
        audit.record(actor, "posts.movement.transfer", movement, from_state=from_branch.code, to_state=to_branch.code, reason=reason)
        notify_member(locked, Message("You were transferred from %(from)s to %(to)s.", **{"from": from_branch, "to": to_branch}))
        tell_managers(to_branch, Message("%(member)s joined %(branch)s by transfer.", member=locked, branch=to_branch), exclude=actor)
        if ended is not None:
            tell_managers(ended.post.organisation, Message("%(member)s left the post %(post)s (transfer): it has a place free.",
                                                           member=locked, post=ended.post), exclude=actor)
    return movement


def record_departure(actor, *, member, kind, on, reason="") -> Movement:
    """A member leaves (retirement, transfer out, death, expulsion): their post ends with the reason and date."""
    check_manages(actor, member.branch)
    if kind not in Movement.LEAVING:
        raise Refusal(_("Choose why the member leaves: retirement, transfer out, death or expulsion."))
    reason = clean_text(reason, required_message=_("Give the reason for the departure.")) if kind == Movement.Kind.EXPULSION else reason
    with transaction.atomic():
        locked = lock_member(member)
        if not locked.is_active:
            raise Refusal(_("%(member)s has already left.") % {"member": locked})
        for assignment in locked.assignments.live().select_related("post__organisation"):
            ended = end_assignment(actor, assignment=assignment, end_reason=kind, on=on, reason=reason)
            tell_managers(ended.post.organisation, Message("%(member)s left the post %(post)s (%(why)s): it has a place free.",
                                                           member=locked, post=ended.post, why=Movement.Kind(kind)), exclude=actor)
        _withdraw_pending(actor, locked, reason)
        member_records.move_member(actor, member=locked, in_service=False, reason=reason)
        movement = Movement.objects.create(member=locked, kind=kind, on=on, reason=reason, from_branch=locked.branch, recorded_by=actor)
        audit.record(actor, f"posts.movement.{kind}", movement, from_state="in_service", to_state="left", reason=reason)
    return movement


