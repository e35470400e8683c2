"""Every move of steps 1–3: rounds, self-nomination, review, publication, objections, confirmation, revision.

Each function checks the current state, runs in one transaction, locks what two
people could change at once, writes an audit row and tells the member concerned.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from members import access, audit
from members.models import Role
from pioneer.workdays import add_working_days
from posts.models import Assignment, Nomination, Objection, Post, Publication, Round
from posts.services.catalogue import DomainError, check_manages

__all__ = [
    "DomainError", "open_round", "close_round", "submit_nomination", "withdraw_nomination", "change_nomination",
    "approve_nomination", "reject_nomination", "place_nomination", "publish_round", "raise_objection",
    "answer_objection", "confirm_publication", "confirm_due_publications", "revise_assignment", "suggest_posts",
]

MAX_TEXT = 1000


def _now(now):
    return now or timezone.now()


def _day(now) -> datetime.date:
    return timezone.localdate(_now(now))


def _clean_text(text, *, required_message, limit=MAX_TEXT) -> str:
    text = (text or "").strip()
    if not text:
        raise DomainError(required_message)
    if len(text) > limit:
        raise DomainError(_("Please keep it within %(limit)d characters (you wrote %(length)d).") % {"limit": limit, "length": len(text)})
    return text


def _notify_member(member, text, url=""):
    if member.user_id:
        audit.notify(member.user, text, url)


# --- rounds ---------------------------------------------------------------------------------------------------------


def open_round(actor, organisation, *, year, idea, opens_on, closes_on) -> Round:
    """Open the organisation's round for the year (the all-member meeting has announced the plan)."""
    check_manages(actor, organisation)
    idea = _clean_text(idea, required_message=_("Write the plan's overall idea."), limit=3000)
    if opens_on > closes_on:
        raise DomainError(_("The round cannot close before it opens."))
    if not Post.objects.offered_by(organisation).active().exists():
        raise DomainError(_("Offer at least one post before opening a round."))
    if Round.objects.filter(organisation=organisation, year=year).exists():
        raise DomainError(_("This organisation already has a round for that year."))
    with transaction.atomic():
        try:
            with transaction.atomic():
                rnd = Round.objects.create(
                    organisation=organisation, year=year, idea=idea, opens_on=opens_on, closes_on=closes_on, created_by=actor,
                )
        except IntegrityError:
            raise DomainError(_("This organisation already has a round for that year.")) from None
        audit.record(actor, "posts.round.opened", rnd, to_state=rnd.status)
    return rnd


def close_round(actor, rnd) -> Round:
    """Close a round for nomination; the review goes on."""
    check_manages(actor, rnd.organisation)
    with transaction.atomic():
        updated = Round.objects.filter(pk=rnd.pk, status=Round.Status.OPEN).update(status=Round.Status.CLOSED)
        if not updated:
            raise DomainError(_("This round is already closed."))
        audit.record(actor, "posts.round.closed", rnd, from_state=Round.Status.OPEN, to_state=Round.Status.CLOSED)
    rnd.status = Round.Status.CLOSED
    return rnd


# --- self-nomination ------------------------------------------------------------------------------------------------


def _check_can_nominate(member, rnd, post, now):
    if not rnd.accepts(member):
        raise DomainError(_("This round belongs to another organisation: you can only declare a post of your branch or unit."))
    if not rnd.is_open_on(_day(now)):
        raise DomainError(_("This round is not open for nomination."))
    if post.organisation_id != rnd.organisation_id or not post.is_active:
        raise DomainError(_("This post is not offered in this round."))
    if member.assignments.live().exists():
        raise DomainError(_("You already hold a post. Ask your secretary if it should change."))
    if post.is_full:
        raise DomainError(_("The post %(post)s has no places left: choose another post.") % {"post": post})


def submit_nomination(actor, rnd, post, statement, *, member=None, now=None) -> Nomination:
    """A member declares one post in an open round (or the secretary enters a declaration made on paper)."""
    if member is None:
        member = access.for_user(actor).member
        if member is None:
            raise DomainError(_("Only party members can declare a post."))
    elif access.for_user(actor).member != member:
        check_manages(actor, member.branch)
    statement = _clean_text(statement, required_message=_("Say why you fit the post."))
    post = Post.objects.with_holder_count().get(pk=post.pk)
    _check_can_nominate(member, rnd, post, now)
    if Nomination.objects.filter(round=rnd, member=member).live().exists():
        raise DomainError(_("You have already declared a post in this round."))
    with transaction.atomic():
        try:
            # The database has the last word: one live nomination per member per round.
            with transaction.atomic():
                nomination = Nomination.objects.create(round=rnd, member=member, post=post, statement=statement, created_at=_now(now))
        except IntegrityError:
            raise DomainError(_("You have already declared a post in this round.")) from None
        audit.record(actor, "posts.nomination.submitted", nomination, to_state=nomination.status, reason=statement)
    return nomination


def _own_pending(actor, nomination) -> Nomination:
    member = access.for_user(actor).member
    if member is None or member.pk != nomination.member_id:
        raise DomainError(_("Only the member who declared it can change this nomination."))
    locked = Nomination.objects.select_for_update(of=("self",)).select_related("round", "member__branch").get(pk=nomination.pk)
    if locked.status != Nomination.Status.SUBMITTED:
        raise DomainError(_("This nomination has already been reviewed and cannot change any more."))
    return locked


def withdraw_nomination(actor, nomination) -> Nomination:
    with transaction.atomic():
        locked = _own_pending(actor, nomination)
        locked.status = Nomination.Status.WITHDRAWN
        locked.save(update_fields=["status", "updated_at"])
        audit.record(actor, "posts.nomination.withdrawn", locked, from_state=Nomination.Status.SUBMITTED, to_state=locked.status)
    return locked


def change_nomination(actor, nomination, post, statement, *, now=None) -> Nomination:
    """Change the declared post or statement before the organisation reviews it."""
    statement = _clean_text(statement, required_message=_("Say why you fit the post."))
    post = Post.objects.with_holder_count().get(pk=post.pk)
    with transaction.atomic():
        locked = _own_pending(actor, nomination)
        _check_can_nominate(locked.member, locked.round, post, now)
        old_post = locked.post
        locked.post, locked.statement = post, statement
        locked.save(update_fields=["post", "statement", "updated_at"])
        audit.record(actor, "posts.nomination.changed", locked, from_state=str(old_post), to_state=str(post), reason=statement)
    return locked


# --- organisation review ----------------------------------------------------------------------------------------------


def _lock_for_review(actor, nomination) -> Nomination:
    check_manages(actor, nomination.round.organisation)
    locked = Nomination.objects.select_for_update(of=("self",)).select_related("round__organisation", "member__user", "post").get(pk=nomination.pk)
    if locked.status != Nomination.Status.SUBMITTED:
        raise DomainError(
            _("This nomination was already decided (%(status)s) by someone else: reload the page.")
            % {"status": locked.get_status_display()}
        )
    return locked


def _take_place(post, member, rnd, actor, reason, now) -> Assignment:
    """Lock the post row, check a place is free, and set the member on it."""
    locked = Post.objects.select_for_update().get(pk=post.pk)
    if locked.organisation_id != rnd.organisation_id or not locked.is_active:
        raise DomainError(_("This post is not offered in this round."))
    holders = locked.assignments.live().count()
    if holders >= locked.capacity:
        raise DomainError(
            _("The post %(post)s is full (%(capacity)d places taken): choose another post for this member.")
            % {"post": locked, "capacity": locked.capacity}
        )
    if member.assignments.live().exists():
        raise DomainError(_("%(member)s already holds a post.") % {"member": member})
    try:
        # The database has the last word: one live post per member, even if two rounds decide at once.
        with transaction.atomic():
            return Assignment.objects.create(
                member=member, post=locked, round=rnd, status=Assignment.Status.APPROVED, reason=reason,
                decided_by=actor, decided_at=_now(now),
            )
    except IntegrityError:
        raise DomainError(_("%(member)s already holds a post.") % {"member": member}) from None


def _decide(actor, locked, status, reason, now, assignment=None):
    locked.status, locked.reason, locked.decided_by, locked.decided_at = status, reason, actor, _now(now)
    locked.assignment = assignment
    locked.save(update_fields=["status", "reason", "decided_by", "decided_at", "assignment", "updated_at"])


def approve_nomination(actor, nomination, *, reason="", now=None) -> Nomination:
    """Set the member on the post they declared, if a place is free."""
    with transaction.atomic():
        locked = _lock_for_review(actor, nomination)
        assignment = _take_place(locked.post, locked.member, locked.round, actor, reason, now)
        _decide(actor, locked, Nomination.Status.APPROVED, reason, now, assignment)
        audit.record(actor, "posts.nomination.approved", locked, from_state=Nomination.Status.SUBMITTED, to_state=locked.status, reason=reason)
        audit.record(actor, "posts.assignment.approved", assignment, to_state=assignment.status, reason=reason)
        _notify_member(locked.member, _("Your nomination for %(post)s was approved.") % {"post": locked.post}, reverse("posts:my_post"))
    return locked


def reject_nomination(actor, nomination, reason, *, now=None) -> Nomination:
    reason = _clean_text(reason, required_message=_("Give the member a reason for the rejection."))
    with transaction.atomic():
        locked = _lock_for_review(actor, nomination)
        _decide(actor, locked, Nomination.Status.REJECTED, reason, now)
        audit.record(actor, "posts.nomination.rejected", locked, from_state=Nomination.Status.SUBMITTED, to_state=locked.status, reason=reason)
        _notify_member(
            locked.member, _("Your nomination for %(post)s was not approved: %(reason)s") % {"post": locked.post, "reason": reason},
            reverse("posts:nomination_detail", args=[locked.pk]),
        )
    return locked


def place_nomination(actor, nomination, post, reason, *, now=None) -> Nomination:
    """Place the member on another post that fits them better, with the reason."""
    reason = _clean_text(reason, required_message=_("Give the member a reason for placing them on another post."))
    with transaction.atomic():
        locked = _lock_for_review(actor, nomination)
        if post.pk == locked.post_id:
            raise DomainError(_("That is the post the member declared: approve the nomination instead."))
        assignment = _take_place(post, locked.member, locked.round, actor, reason, now)
        _decide(actor, locked, Nomination.Status.PLACED, reason, now, assignment)
        audit.record(actor, "posts.nomination.placed", locked, from_state=str(locked.post), to_state=str(assignment.post), reason=reason)
        audit.record(actor, "posts.assignment.approved", assignment, to_state=assignment.status, reason=reason)
        _notify_member(
            locked.member,
            _("The organisation placed you on the post %(post)s: %(reason)s") % {"post": assignment.post, "reason": reason},
            reverse("posts:my_post"),
        )
    return locked


# --- publication ----------------------------------------------------------------------------------------------------


def _new_publication(actor, rnd, assignments, now, *, title, reason="") -> Publication:
    now = _now(now)
    publication = Publication.objects.create(
        round=rnd, title=title, reason=reason, published_by=actor, published_at=now,
        ends_on=add_working_days(timezone.localdate(now), settings.PIONEER["NOTICE_WORKING_DAYS"]),
    )
    publication.assignments.set(assignments)
    Assignment.objects.filter(pk__in=[a.pk for a in assignments]).update(status=Assignment.Status.PUBLISHED)
    audit.record(actor, "posts.publication.published", publication, to_state=publication.status, reason=reason)
    url = reverse("posts:publication_detail", args=[publication.pk])
    for assignment in assignments:
        audit.record(actor, "posts.assignment.published", assignment, from_state=Assignment.Status.APPROVED, to_state=Assignment.Status.PUBLISHED)
        _notify_member(
            assignment.member,
            _("Your post %(post)s is published for objections until %(day)s.") % {"post": assignment.post, "day": publication.ends_on},
            url,
        )
    return publication


def publish_round(actor, rnd, *, now=None) -> Publication:
    """Publish every assignment the round has set and not yet published."""
    check_manages(actor, rnd.organisation)
    with transaction.atomic():
        Round.objects.select_for_update().get(pk=rnd.pk)
        assignments = list(
            Assignment.objects.filter(round=rnd).approved().select_related("member__user", "post").order_by("post_id", "member__member_no")
        )
        if not assignments:
            raise DomainError(_("There is nothing to publish: approve or place members on posts first."))
        number = rnd.publications.count() + 1
        title = _("%(organisation)s %(year)s pioneer posts: publication %(number)d") % {
            "organisation": rnd.organisation, "year": rnd.year, "number": number,
        }
        return _new_publication(actor, rnd, assignments, now, title=title)


def raise_objection(publication, text, *, user=None, name="", contact="", assignment=None, now=None) -> Objection:
    """A member or a member of the public objects to, or comments on, a publication in notice."""
    text = _clean_text(text, required_message=_("Write your objection or comment."))
    if not publication.in_notice or publication.is_due_on(_day(now)):
        raise DomainError(_("The notice period of this publication has ended: objections are closed."))
    if assignment is not None:
        if not publication.assignments.filter(pk=assignment.pk).exists():
            raise DomainError(_("That assignment is not part of this publication."))
        if user is None and not assignment.post.is_public:
            raise DomainError(_("That assignment is not part of this publication."))
    with transaction.atomic():
        objection = Objection.objects.create(
            publication=publication, assignment=assignment, raised_by=user, name=(name or "")[:50], contact=(contact or "")[:50],
            text=text, created_at=_now(now),
        )
        audit.record(user or _("the public"), "posts.objection.raised", objection, to_state=objection.status, reason=text)
        organisation = publication.round.organisation
        url = reverse("posts:publication_detail", args=[publication.pk])
        for role in Role.objects.filter(organisation=organisation).select_related("user"):
            audit.notify(role.user, _("New objection to %(publication)s.") % {"publication": publication}, url)
    return objection


def answer_objection(actor, objection, answer, *, now=None) -> Objection:
    check_manages(actor, objection.publication.round.organisation)
    answer = _clean_text(answer, required_message=_("Write the answer."), limit=2000)
    with transaction.atomic():
        updated = Objection.objects.filter(pk=objection.pk, status=Objection.Status.OPEN).update(
            status=Objection.Status.ANSWERED, answer=answer, answered_by=actor, answered_at=_now(now),
        )
        if not updated:
            raise DomainError(_("This objection has already been answered."))
        objection.refresh_from_db()
        audit.record(actor, "posts.objection.answered", objection, from_state=Objection.Status.OPEN, to_state=objection.status, reason=answer)
        if objection.raised_by_id:
            audit.notify(
                objection.raised_by, _("Your objection to %(publication)s was answered.") % {"publication": objection.publication},
                reverse("posts:publication_detail", args=[objection.publication_id]),
            )
    return objection


def confirm_publication(publication, *, now=None, actor=None) -> bool:
    """Confirm a publication whose notice period is over; False if it is not due (or someone else confirmed it)."""
    now = _now(now)
    with transaction.atomic():
        locked = Publication.objects.select_for_update().filter(pk=publication.pk).first()
        if locked is None or not locked.is_due_on(timezone.localdate(now)):
            return False
        assignments = list(locked.assignments.filter(status=Assignment.Status.PUBLISHED).select_related("member__user", "post"))
        Assignment.objects.filter(pk__in=[a.pk for a in assignments]).update(status=Assignment.Status.CONFIRMED, confirmed_at=now)
        locked.status, locked.confirmed_at = Publication.Status.CONFIRMED, now
        locked.save(update_fields=["status", "confirmed_at"])
        who = actor or _("the system (notice period over)")
        audit.record(who, "posts.publication.confirmed", locked, from_state=Publication.Status.NOTICE, to_state=locked.status)
        for assignment in assignments:
            audit.record(who, "posts.assignment.confirmed", assignment, from_state=Assignment.Status.PUBLISHED, to_state=Assignment.Status.CONFIRMED)
            _notify_member(assignment.member, _("Your post %(post)s is confirmed.") % {"post": assignment.post}, reverse("posts:my_post"))
    publication.status, publication.confirmed_at = locked.status, locked.confirmed_at
    return True


def confirm_due_publications(now=None) -> int:
    """Confirm every publication whose notice period has ended; return how many."""
    confirmed = 0
    for publication in Publication.objects.due(_day(now)).order_by("pk"):
        confirmed += confirm_publication(publication, now=now)
    return confirmed


def revise_assignment(actor, assignment, post, reason, *, now=None) -> Publication:
    """Move a member to another post with a reason; the change is published again."""
    reason = _clean_text(reason, required_message=_("Give the reason for the revision."))
    check_manages(actor, assignment.post.organisation)
    with transaction.atomic():
        old = Assignment.objects.select_for_update(of=("self",)).select_related("member__user", "post", "round__organisation").get(pk=assignment.pk)
        if old.status not in (Assignment.Status.PUBLISHED, Assignment.Status.CONFIRMED):
            raise DomainError(_("Only a published or confirmed assignment can be revised."))
        if post.pk == old.post_id:
            raise DomainError(_("Choose a different post for the revision."))
        if old.round is None:
            raise DomainError(_("This assignment was not set in a round and cannot be revised here."))
        old_status = old.status
        old.status, old.ended_at = Assignment.Status.ENDED, _now(now)
        old.save(update_fields=["status", "ended_at"])
        new = _take_place(post, old.member, old.round, actor, reason, now)
        new.replaces = old
        new.save(update_fields=["replaces"])
        audit.record(actor, "posts.assignment.revised", old, from_state=old_status, to_state=old.status, reason=reason)
        audit.record(actor, "posts.assignment.approved", new, to_state=new.status, reason=reason)
        title = _("%(organisation)s %(year)s pioneer posts: revision for %(member)s") % {
            "organisation": old.round.organisation, "year": old.round.year, "member": old.member,
        }
        publication = _new_publication(actor, old.round, [new], now, title=title, reason=reason)
    return publication


# --- suggestions ----------------------------------------------------------------------------------------------------


@dataclass
class Suggestion:
    post: Post
    score: int
    reasons: list[str] = field(default_factory=list)


def _matches(words: set[str], wanted: set[str]) -> list[str]:
    # Chinese keywords rarely match exactly: "政策咨询" should meet "政策咨询服务".
    return sorted(w for w in wanted if any(w in have or have in w for have in words))


def suggest_posts(member, posts, *, today=None, limit=3) -> list[Suggestion]:
    """Rank posts for a member by specialty and qualification overlap, age range and free places, with reasons.

    `posts` should carry the `with_holder_count` annotation so that ranking needs no queries.
    """
    today = today or timezone.localdate()
    age = member.age_on(today)
    words = member.specialty_words()
    ranked = []
    for post in posts:
        if post.places_left == 0:
            continue
        reasons, score = [], 0
        matched = _matches(words, post.required_words())
        if matched:
            score += 3 * len(matched)
            reasons.append(_("matches %(words)s") % {"words": "、".join(matched)})
        if post.min_age is not None or post.max_age is not None:
            if post.age_fits(age):
                score += 1
                reasons.append(_("age %(age)d within the range") % {"age": age})
            else:
                score -= 5
                reasons.append(_("age %(age)d outside the range") % {"age": age})
        score += 1
        reasons.append(_("%(n)d places left") % {"n": post.places_left})
        ranked.append(Suggestion(post, score, reasons))
    ranked.sort(key=lambda s: (-s.score, s.post.pk))
    return ranked[:limit]


def visible_rounds_open_for(user, *, today=None):
    """The open rounds a member may nominate in (their branch's and unit's)."""
    acc = access.for_user(user)
    if acc.member is None:
        return Round.objects.none()
    day = today or timezone.localdate()
    return Round.objects.open_on(day).filter(Q(organisation_id=acc.member.branch_id) | Q(organisation_id=acc.member_unit_id))
