"""Step 3: publish the assignments for a notice period, take objections, answer them, then confirm.

Confirmation is the job of the `confirm_publications` command (run once a day): a page that shows a
publication never changes it, and says "confirmation pending" once the notice is over.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members import audit
from members.models import Role
from pioneer.errors import Refusal
from pioneer.words import Message, columns, said
from pioneer.workdays import add_working_days
from posts.common import check_manages, clean_text, day_of, notify_member, now_or
from posts.models import Assignment, Objection, Publication, Round
from posts.words import NOTICE_PERIOD_OVER, THE_PUBLIC


def new_publication(actor, *, round, assignments, title, reason="", now=None) -> Publication:
    """Put assignments in public notice (inside the caller's transaction) and tell each member until when.

    `title` is a Message (the app's words) or a title a person typed."""
    now = now_or(now)
    publication = Publication.objects.create(
        round=round, **columns("title", title, max_length=200), reason=reason, published_by=actor, published_at=now,
        ends_on=add_working_days(timezone.localdate(now), settings.PIONEER["NOTICE_WORKING_DAYS"]),
    )
    publication.assignments.set(assignments)
    Assignment.objects.filter(pk__in=[a.pk for a in assignments]).update(status=Assignment.Status.PUBLISHED)
    audit.record(actor, "posts.publication.published", publication, to_state=publication.status, reason=reason)
    for assignment in assignments:
        audit.record(actor, "posts.assignment.published", assignment, from_state=Assignment.Status.APPROVED, to_state=Assignment.Status.PUBLISHED)
        notify_member(
            assignment.member,
            Message("Your post %(post)s is published for objections until %(day)s.", post=assignment.post, day=publication.ends_on),
            publication.get_absolute_url(),
        )
    return publication


def publish_round(actor, *, round, now=None) -> Publication:
    """Publish every assignment the round has set and not yet published."""
    rnd = round
    check_manages(actor, rnd.organisation)
    with transaction.atomic():
        Round.objects.select_for_update().get(pk=rnd.pk)
        assignments = list(
            Assignment.objects.filter(round=rnd).approved().select_related("member__user", "post").order_by("post_id", "member__member_no")
        )
        if not assignments:
            raise Refusal(_("There is nothing to publish: approve or place members on posts first."))
        number = rnd.publications.count() + 1
        title = Message("%(organisation)s %(year)s pioneer posts: publication %(number)d",
                        organisation=rnd.organisation, year=rnd.year, number=number)
        return new_publication(actor, round=rnd, assignments=assignments, title=title, now=now)


def raise_objection(actor, *, publication, text, name="", contact="", assignment=None, token=None, now=None) -> Objection:
    """A member (`actor`) or a member of the public (`actor=None`) objects to, or comments on, a publication in notice.

    `token` is the form's one-time token: the same form sent again gives back the objection it raised, not a second one.
    """
    text = clean_text(text, required_message=_("Write your objection or comment."))
    if token:
        existing = _objection_sent_with(token, publication=publication, actor=actor)
        if existing is not None:
            return existing
    if not publication.in_notice or publication.is_due_on(day_of(now)):
        raise Refusal(_("The notice period of this publication has ended: objections are closed."))
    if assignment is not None:
        if not publication.assignments.filter(pk=assignment.pk).exists():
            raise Refusal(_("That assignment is not part of this publication."))
        if actor is None and not assignment.post.is_public:
            raise Refusal(_("That assignment is not part of this publication."))
    try:
        with transaction.atomic():
            objection = Objection.objects.create(
                publication=publication, assignment=assignment, raised_by=actor, name=(name or "")[:50], contact=(contact or "")[:50],
                text=text, created_at=now_or(now), submission_token=token or None,
            )
            audit.record(actor or THE_PUBLIC, "posts.objection.raised", objection, to_state=objection.status, reason=text)
            organisation = publication.round.organisation
            for role in Role.objects.filter(organisation=organisation).select_related("user"):
                audit.notify(role.user, Message("New objection to %(publication)s.", publication=said(publication, "title")),
                             publication.get_absolute_url())
    except IntegrityError:
        if not token:
            raise
        # The same form was sent twice at once: the unique token let one through; give back that one.
        existing = _objection_sent_with(token, publication=publication, actor=actor)
        if existing is None:
            # Another sender's token (it cannot be someone's by chance): this form is not theirs to resend.
            raise Refusal(_("This form has expired. Please send it again.")) from None
        return existing
    return objection


def _objection_sent_with(token, *, publication, actor):
    # The sender's own: a member's token finds only what that member raised, the public's only the public's.
    return Objection.objects.filter(publication=publication, submission_token=token, raised_by=actor).first()


def answer_objection(actor, *, objection, answer, upheld=False, assignment=None, now=None) -> Objection:
    """Answer an objection; an upheld one sends its assignment back to review before anything is confirmed.

    An objection to the whole publication names, when upheld, the `assignment` it proved wrong."""
    check_manages(actor, objection.publication.round.organisation)
    answer = clean_text(answer, required_message=_("Write the answer."), limit=2000)
    now = now_or(now)
    with transaction.atomic():
        # The publication's lock keeps the daily confirmation from slipping between the answer and the return to review.
        publication = Publication.objects.select_for_update().get(pk=objection.publication_id)
        concerned = None
        if upheld:
            concerned = objection.assignment or assignment
            if concerned is None:
                raise Refusal(_("An upheld objection sends an assignment back to review: choose which one."))
            concerned = publication.assignments.select_for_update(of=("self",)).select_related("member__user", "post").filter(
                pk=concerned.pk,
            ).first()
            if concerned is None:
                raise Refusal(_("That assignment is not part of this publication."))
            if concerned.status != Assignment.Status.PUBLISHED:
                raise Refusal(_("This assignment is no longer in public notice: revise it from the review board instead."))
        updated = Objection.objects.filter(pk=objection.pk, status=Objection.Status.OPEN).update(
            status=Objection.Status.ANSWERED, answer=answer, answered_by=actor, answered_at=now, upheld=bool(upheld),
        )
        if not updated:
            raise Refusal(_("This objection has already been answered."))
        objection.refresh_from_db()
        audit.record(
            actor, "posts.objection.upheld" if upheld else "posts.objection.answered", objection,
            from_state=Objection.Status.OPEN, to_state=objection.status, reason=answer,
        )
        if concerned is not None:
            _back_to_review(actor, publication=publication, assignment=concerned, reason=answer, now=now)
        if objection.raised_by_id:
            audit.notify(
                objection.raised_by, Message("Your objection to %(publication)s was answered.", publication=said(publication, "title")),
                objection.publication.get_absolute_url(),
            )
    return objection


def _back_to_review(actor, *, publication, assignment, reason, now):
    # The assignment ends and leaves the publication: the member is again among those without a post
    # on the review board, where the organisation places them anew (and publishes that again).
    publication.assignments.remove(assignment)
    assignment.status, assignment.ended_at = Assignment.Status.ENDED, now
    assignment.save(update_fields=["status", "ended_at"])
    audit.record(
        actor, "posts.assignment.objection_upheld", assignment,
        from_state=Assignment.Status.PUBLISHED, to_state=Assignment.Status.ENDED, reason=reason,
    )
    notify_member(
        assignment.member,
        Message("An objection to your post %(post)s was upheld: the organisation will review your post again.", post=assignment.post),
        assignment.get_holder_url(),
    )


def confirm_publication(actor=None, *, publication, now=None) -> bool:
    """Confirm a publication whose notice period is over; False if it is not due (or someone else confirmed it).

    `actor=None` is the scheduled command: the audit names the system."""
    now = now_or(now)
    with transaction.atomic():
        locked = Publication.objects.select_for_update().filter(pk=publication.pk).first()
        if locked is None or not locked.is_due_on(timezone.localdate(now)):
            return False
        if locked.objections.unanswered().exists():
            # Held (有未答复的异议,暂缓确认): confirmed on the first run after the last answer.
            return False
        assignments = list(locked.assignments.filter(status=Assignment.Status.PUBLISHED).select_related("member__user", "post"))
        Assignment.objects.filter(pk__in=[a.pk for a in assignments]).update(status=Assignment.Status.CONFIRMED, confirmed_at=now)
        locked.status, locked.confirmed_at = Publication.Status.CONFIRMED, now
        locked.save(update_fields=["status", "confirmed_at"])
        who = actor or NOTICE_PERIOD_OVER
        audit.record(who, "posts.publication.confirmed", locked, from_state=Publication.Status.NOTICE, to_state=locked.status)
        for assignment in assignments:
            audit.record(who, "posts.assignment.confirmed", assignment, from_state=Assignment.Status.PUBLISHED, to_state=Assignment.Status.CONFIRMED)
            notify_member(assignment.member, Message("Your post %(post)s is confirmed.", post=assignment.post), assignment.get_holder_url())
    publication.status, publication.confirmed_at = locked.status, locked.confirmed_at
    return True


def confirm_due_publications(actor=None, *, now=None) -> int:
    """Confirm every publication whose notice period has ended and whose objections are all answered; return how many."""
    confirmed = 0
    for publication in Publication.objects.due(day_of(now)).order_by("pk"):
        confirmed += confirm_publication(actor, publication=publication, now=now)
    return confirmed
