"""The posts app's audit codes and states in words, and the messages it stores for people.

Wired at merge: `posts/apps.py` ready() calls `words.register()`. The history pages (members' change
history, each object's history card) then show these labels instead of codes.
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from members import audit
from pioneer.words import Message
from posts.models import (
    Assignment,
    Feedback,
    Movement,
    Nomination,
    Objection,
    PlaqueApplication,
    PlaqueRecord,
    Publication,
    Round,
)

ACTION_LABELS = {
    "posts.post.created": _("Post created"),
    "posts.plaques.recorded": _("Plaques recorded for the year"),
    "posts.post.updated": _("Post edited"),
    "posts.post.offered": _("Post offered"),
    "posts.post.withdrawn": _("Post withdrawn"),
    "posts.posts.imported": _("Posts imported"),
    "posts.round.opened": _("Round opened"),
    "posts.round.closed": _("Round closed"),
    "posts.nomination.submitted": _("Post declared"),
    "posts.nomination.changed": _("Declaration changed"),
    "posts.nomination.withdrawn": _("Declaration withdrawn"),
    "posts.nomination.approved": _("Approved"),
    "posts.nomination.rejected": _("Not approved"),
    "posts.nomination.placed": _("Placed on another post"),
    "posts.assignment.approved": _("Post set"),
    "posts.assignment.published": _("Published for notice"),
    "posts.assignment.confirmed": _("Confirmed"),
    "posts.assignment.revised": _("Assignment revised"),
    "posts.publication.published": _("Published for notice"),
    "posts.publication.confirmed": _("Confirmed"),
    "posts.objection.raised": _("Objection raised"),
    "posts.objection.answered": _("Objection answered"),
    "posts.window.created": _("Window created"),
    "posts.window.updated": _("Window edited"),
    "posts.windows.imported": _("Windows imported"),
    "posts.handbook.published": _("Handbook edition published"),
    "posts.marker_photo.uploaded": _("Marker photo uploaded"),
    "posts.feedback.received": _("Feedback received"),
    "posts.feedback.answered": _("Feedback answered"),
    "posts.feedback.concluded": _("Feedback concluded"),
    "posts.feedback.satisfied": _("Citizen satisfied"),
    "posts.feedback.dissatisfied": _("Citizen not satisfied"),
    "posts.feedback.reopened": _("Feedback reopened"),
    "posts.feedback.closed": _("Feedback closed"),
    "posts.plaque.recorded": _("Plaque recorded"),
    "posts.plaque_application.submitted": _("Plaque application submitted"),
    "posts.plaque_application.approved": _("Plaque application approved"),
    "posts.plaque_application.rejected": _("Plaque application rejected"),
    "posts.plaque_application.withdrawn": _("Plaque application withdrawn"),
    # The year's changes: direct placement, handover, a post ending, an upheld objection, members moving.
    "posts.round.supplementary_opened": _("Supplementary round opened"),
    "posts.assignment.placed_directly": _("Placed on a post directly"),
    "posts.assignment.handed_over": _("Post handed over"),
    "posts.assignment.ended": _("Post ended"),
    "posts.assignment.objection_upheld": _("Back to review: objection upheld"),
    "posts.objection.upheld": _("Objection upheld"),
    # `f"posts.movement.{kind}"`: each kind of movement is named by its own label.
    **{f"posts.movement.{kind}": label for kind, label in Movement.Kind.choices},
}

# The confirmation nobody clicked: the notice period ran out. A stored message, so it reads in each reader's language.
NOTICE_PERIOD_OVER = Message("the system (notice period over)")
# A citizen without an account (feedback, an objection, a vote): the audit's actor, in each reader's language.
THE_PUBLIC = Message("the public")


def judgement(*, upheld, serious) -> Message:
    """A conclusion's judgement in words, for the audit reason (was `[upheld=True serious=True]`)."""
    return Message("Upheld: %(upheld)s; serious: %(serious)s.", upheld=bool(upheld), serious=bool(serious))


def register() -> None:
    audit.register_actions(ACTION_LABELS)
    audit.register_states("posts.round", Round.Status)
    audit.register_states("posts.nomination", Nomination.Status)
    audit.register_states("posts.objection", Objection.Status)
    audit.register_states("posts.publication", Publication.Status)
    audit.register_states("posts.assignment", Assignment.Status)
    audit.register_states("posts.feedback", Feedback.Status)
    audit.register_states("posts.plaque", PlaqueRecord.Level)
    audit.register_states("posts.plaque_application", PlaqueApplication.Status)
    audit.register_states("posts.post", words={"offered": _("offered"), "withdrawn": _("withdrawn")})
    # An ended assignment records why it ended with its state: "ended:handover".
    audit.register_states("posts.assignment.ended", words={
        f"{Assignment.Status.ENDED}:{reason}": format_lazy(_("Ended: {reason}"), reason=label)
        for reason, label in Assignment.EndReason.choices
    })
    audit.register_states("posts.movement", words={"in_service": _("in service"), "left": _("no longer in service")})
