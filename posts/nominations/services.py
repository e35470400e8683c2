"""Step 1: an organisation opens a round; its members declare one post each, change or withdraw it before review."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from members import access, audit
from members.models import Organisation
from pioneer.errors import Refusal
from pioneer.words import Message
from posts.common import check_manages, clean_text, day_of, notify_member, now_or
from posts.models import Nomination, Post, Round


def _check_supplementary(organisation, year):
    rounds = Round.objects.filter(organisation=organisation, year=year)
    if not rounds.filter(kind=Round.Kind.REGULAR).exists():
        raise Refusal(_("A supplementary round follows the year's regular round: open the regular round first."))
    if rounds.filter(status=Round.Status.OPEN).exists():
        raise Refusal(_("This organisation still has an open round this year: close it before opening a supplementary round."))
    probe = Round(organisation=organisation, year=year)
    if not probe.members_without_post().exists():
        raise Refusal(_("Every member of %(organisation)s already holds a post: no supplementary round is needed.") % {"organisation": organisation})


def open_round(actor, *, organisation, year, idea, opens_on, closes_on, kind=Round.Kind.REGULAR) -> Round:
    """Open the organisation's round for the year (the all-member meeting has announced the plan), or a
    supplementary round (补充认岗) for the members still without a post after it."""
    check_manages(actor, organisation)
    idea = clean_text(idea, required_message=_("Write the plan's overall idea."), limit=3000)
    if opens_on > closes_on:
        raise Refusal(_("The round cannot close before it opens."))
    if not Post.objects.offered_by(organisation).active().exists():
        raise Refusal(_("Offer at least one post before opening a round."))
    regular = kind == Round.Kind.REGULAR
    if regular and Round.objects.filter(organisation=organisation, year=year, kind=kind).exists():
        raise Refusal(_("This organisation already has a round for that year."))
    with transaction.atomic():
        if not regular:
            # Serialise supplementary rounds per organisation: two secretaries cannot open two at once.
            Organisation.objects.select_for_update().get(pk=organisation.pk)
            _check_supplementary(organisation, year)
        try:
            with transaction.atomic():
                rnd = Round.objects.create(
                    organisation=organisation, year=year, idea=idea, opens_on=opens_on, closes_on=closes_on, created_by=actor, kind=kind,
                )
        except IntegrityError:
            raise Refusal(_("This organisation already has a round for that year.")) from None
        audit.record(actor, "posts.round.supplementary_opened" if not regular else "posts.round.opened", rnd, to_state=rnd.status)
    if not regular:
        for member in rnd.members_without_post().exclude(user=None).select_related("user"):
            notify_member(member, Message("A supplementary round is open until %(day)s: declare a post.", day=closes_on), rnd.get_absolute_url())
    return rnd


def open_supplementary_round(actor, *, organisation, year, idea, opens_on, closes_on) -> Round:
    """Open a supplementary round (补充认岗) for the members still without a post this year."""
    return open_round(actor, organisation=organisation, year=year, idea=idea, opens_on=opens_on, closes_on=closes_on, kind=Round.Kind.SUPPLEMENTARY)


def close_round(actor, *, round) -> Round:
    """Close a round for nomination; the review goes on."""
    rnd = round
    check_manages(actor, rnd.organisation)
    with transaction.atomic():
        updated = Round.objects.filter(pk=rnd.pk, status=Round.Status.OPEN).update(status=Round.Status.CLOSED)
        if not updated:
            raise Refusal(_("This round is already closed."))
        audit.record(actor, "posts.round.closed", rnd, from_state=Round.Status.OPEN, to_state=Round.Status.CLOSED)
    rnd.status = Round.Status.CLOSED
    return rnd


def _check_can_nominate(member, rnd, post, now):
    if not rnd.accepts(member):
        raise Refusal(_("This round belongs to another organisation: you can only declare a post of your branch or unit."))
    if not rnd.is_open_on(day_of(now)):
        raise Refusal(_("This round is not open for nomination."))
    if post.organisation_id != rnd.organisation_id or not post.is_active:
        raise Refusal(_("This post is not offered in this round."))
    if member.assignments.live().exists():
        if rnd.is_supplementary:
            raise Refusal(_("A supplementary round is only for members without a post: you already hold one."))
        raise Refusal(_("You already hold a post. Ask your secretary if it should change."))
    if post.is_full:
        raise Refusal(_("The post %(post)s has no places left: choose another post.") % {"post": post})


def submit_nomination(actor, *, round, post, statement, member=None, now=None) -> Nomination:
    """A member declares one post in an open round (or the secretary enters a declaration made on paper)."""
    rnd = round
    if member is None:
        member = access.for_user(actor).member
        if member is None:
            raise Refusal(_("Only party members can declare a post."))
    elif access.for_user(actor).member != member:
        check_manages(actor, member.branch)
    statement = clean_text(statement, required_message=_("Say why you fit the post."))
    post = Post.objects.with_holder_count().get(pk=post.pk)
    _check_can_nominate(member, rnd, post, now)
    if Nomination.objects.filter(round=rnd, member=member).live().exists():
        raise Refusal(_("You have already declared a post in this round."))
    with transaction.atomic():
        try:
            # The database has the last word: one live nomination per member per round.
            with transaction.atomic():
                nomination = Nomination.objects.create(round=rnd, member=member, post=post, statement=statement, created_at=now_or(now))
        except IntegrityError:
            raise Refusal(_("You have already declared a post in this round.")) from None
        audit.record(actor, "posts.nomination.submitted", nomination, to_state=nomination.status, reason=statement)
    return nomination


def _own_pending(actor, nomination) -> Nomination:
    member = access.for_user(actor).member
    if member is None or member.pk != nomination.member_id:
        raise Refusal(_("Only the member who declared it can change this nomination."))
    locked = Nomination.objects.select_for_update(of=("self",)).select_related("round", "member__branch").get(pk=nomination.pk)
    if locked.status != Nomination.Status.SUBMITTED:
        raise Refusal(_("This nomination has already been reviewed and cannot change any more."))
    return locked


def withdraw_nomination(actor, *, nomination) -> Nomination:
    with transaction.atomic():
        locked = _own_pending(actor, nomination)
        locked.status = Nomination.Status.WITHDRAWN
        locked.save(update_fields=["status", "updated_at"])
        audit.record(actor, "posts.nomination.withdrawn", locked, from_state=Nomination.Status.SUBMITTED, to_state=locked.status)
    return locked


def change_nomination(actor, *, nomination, post, statement, now=None) -> Nomination:
    """Change the declared post or statement before the organisation reviews it."""
    statement = clean_text(statement, required_message=_("Say why you fit the post."))
    post = Post.objects.with_holder_count().get(pk=post.pk)
    with transaction.atomic():
        locked = _own_pending(actor, nomination)
        _check_can_nominate(locked.member, locked.round, post, now)
        old_post = locked.post
        locked.post, locked.statement = post, statement
        locked.save(update_fields=["post", "statement", "updated_at"])
        audit.record(actor, "posts.nomination.changed", locked, from_state=str(old_post), to_state=str(post), reason=statement)
    return locked
