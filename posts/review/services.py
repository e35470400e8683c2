"""Step 2: the organisation sets the post. It approves a declaration, rejects it with a reason, places the
member on a post that fits better, or later revises an assignment (which is published again)."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from members import audit
from pioneer.errors import Refusal
from pioneer.words import Message
from posts.common import check_manages, clean_text, day_of, notify_member, now_or
from posts.models import Assignment, Nomination, Post, Publication
from posts.publication.services import new_publication


def _lock_for_review(actor, nomination) -> Nomination:
    check_manages(actor, nomination.round.organisation)
    locked = Nomination.objects.select_for_update(of=("self",)).select_related("round__organisation", "member__user", "post").get(pk=nomination.pk)
    if locked.status != Nomination.Status.SUBMITTED:
        raise Refusal(
            _("This nomination was already decided (%(status)s) by someone else: reload the page.")
            % {"status": locked.get_status_display()}
        )
    return locked


def take_place(post, member, rnd, actor, reason, now) -> Assignment:
    """Lock the post row, check a place is free, and set the member on it."""
    locked = Post.objects.select_for_update().get(pk=post.pk)
    if locked.organisation_id != rnd.organisation_id or not locked.is_active:
        raise Refusal(_("This post is not offered in this round."))
    holders = locked.assignments.live().count()
    if holders >= locked.capacity:
        raise Refusal(
            _("The post %(post)s is full (%(capacity)d places taken): choose another post for this member.")
            % {"post": locked, "capacity": locked.capacity}
        )
    if member.assignments.live().exists():
        raise Refusal(_("%(member)s already holds a post.") % {"member": member})
    try:
        # The database has the last word: one live post per member, even if two rounds decide at once.
        with transaction.atomic():
            return Assignment.objects.create(
                member=member, post=locked, round=rnd, status=Assignment.Status.APPROVED, reason=reason,
                decided_by=actor, decided_at=now_or(now),
            )
    except IntegrityError:
        raise Refusal(_("%(member)s already holds a post.") % {"member": member}) from None


def _decide(actor, locked, status, reason, now, assignment=None):
    locked.status, locked.reason, locked.decided_by, locked.decided_at = status, reason, actor, now_or(now)
    locked.assignment = assignment
    locked.save(update_fields=["status", "reason", "decided_by", "decided_at", "assignment", "updated_at"])


def approve_nomination(actor, *, nomination, reason="", now=None) -> Nomination:
    """Set the member on the post they declared, if a place is free."""
    with transaction.atomic():
        locked = _lock_for_review(actor, nomination)
        assignment = take_place(locked.post, locked.member, locked.round, actor, reason, now)
        _decide(actor, locked, Nomination.Status.APPROVED, reason, now, assignment)
        audit.record(actor, "posts.nomination.approved", locked, from_state=Nomination.Status.SUBMITTED, to_state=locked.status, reason=reason)
        audit.record(actor, "posts.assignment.approved", assignment, to_state=assignment.status, reason=reason)
        notify_member(locked.member, Message("Your nomination for %(post)s was approved.", post=locked.post), assignment.get_holder_url())
    return locked


def reject_nomination(actor, *, nomination, reason, now=None) -> Nomination:
    reason = clean_text(reason, required_message=_("Give the member a reason for the rejection."))
    with transaction.atomic():
        locked = _lock_for_review(actor, nomination)
        _decide(actor, locked, Nomination.Status.REJECTED, reason, now)
        audit.record(actor, "posts.nomination.rejected", locked, from_state=Nomination.Status.SUBMITTED, to_state=locked.status, reason=reason)
        notify_member(
            locked.member, Message("Your nomination for %(post)s was not approved: %(reason)s", post=locked.post, reason=reason),
            locked.get_absolute_url(),
        )
    return locked


def place_nomination(actor, *, nomination, post, reason, now=None) -> Nomination:
    """Place the member on another post that fits them better, with the reason."""
    reason = clean_text(reason, required_message=_("Give the member a reason for placing them on another post."))
    with transaction.atomic():
        locked = _lock_for_review(actor, nomination)
        if post.pk == locked.post_id:
            raise Refusal(_("That is the post the member declared: approve the nomination instead."))
        assignment = take_place(post, locked.member, locked.round, actor, reason, now)
        _decide(actor, locked, Nomination.Status.PLACED, reason, now, assignment)
        audit.record(actor, "posts.nomination.placed", locked, from_state=str(locked.post), to_state=str(assignment.post), reason=reason)
        audit.record(actor, "posts.assignment.approved", assignment, to_state=assignment.status, reason=reason)
        notify_member(
            locked.member,
            Message("The organisation placed you on the post %(post)s: %(reason)s", post=assignment.post, reason=reason),
            assignment.get_holder_url(),
        )
    return locked


def revise_assignment(actor, *, assignment, post, reason, now=None) -> Publication:
    """Move a member to another post with a reason; the change is published again."""
    reason = clean_text(reason, required_message=_("Give the reason for the revision."))
    check_manages(actor, assignment.post.organisation)
    with transaction.atomic():
        old = Assignment.objects.select_for_update(of=("self",)).select_related("member__user", "post", "round__organisation").get(pk=assignment.pk)
        if old.status not in (Assignment.Status.PUBLISHED, Assignment.Status.CONFIRMED):
            raise Refusal(_("Only a published or confirmed assignment can be revised."))
        if post.pk == old.post_id:
            raise Refusal(_("Choose a different post for the revision."))
        if old.round is None:
            raise Refusal(_("This assignment was not set in a round and cannot be revised here."))
        old_status = old.status
        old.status, old.ended_at = Assignment.Status.ENDED, now_or(now)
        old.ended_on, old.end_reason = day_of(now), Assignment.EndReason.REVISED
        old.save(update_fields=["status", "ended_at", "ended_on", "end_reason"])
        new = take_place(post, old.member, old.round, actor, reason, now)
        new.replaces = old
        new.save(update_fields=["replaces"])
        audit.record(actor, "posts.assignment.revised", old, from_state=old_status, to_state=old.status, reason=reason)
        audit.record(actor, "posts.assignment.approved", new, to_state=new.status, reason=reason)
        title = Message("%(organisation)s %(year)s pioneer posts: revision for %(member)s",
                        organisation=old.round.organisation, year=old.round.year, member=old.member)
        publication = new_publication(actor, round=old.round, assignments=[new], title=title, reason=reason, now=now)
    return publication
