from django import template
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members import access
from posts.models import Assignment, Nomination, Objection, Round
from posts.nominations.selectors import visible_rounds_open_for

register = template.Library()


@register.simple_tag
def member_post(member):
    """The member's live assignment, for the member page's side panel."""
    return Assignment.objects.live().filter(member=member).select_related("post__organisation").first()


@register.simple_tag(takes_context=True)
def home_posts(context):
    """What the home page shows about posts: open rounds, my post and my nomination, and a secretary's pending work."""
    user = context["request"].user
    acc = access.for_user(user)
    result = {}
    if acc.member is not None:
        result["open_rounds"] = list(visible_rounds_open_for(user).select_related("organisation"))
        result["assignment"] = Assignment.objects.live().filter(member=acc.member).select_related("post").first()
        result["pending"] = Nomination.objects.filter(member=acc.member).pending().select_related("post").first()
    if acc.manages_any:
        managed = Round.objects.managed_by(user)
        result["to_review"] = Nomination.objects.pending().filter(round__in=managed).count()
        result["objections"] = Objection.objects.unanswered().filter(publication__round__in=managed).count()
        result["managed_open_rounds"] = list(managed.open_on(timezone.localdate()).select_related("organisation")[:5])
    return result



def _labels_for(action: str) -> dict:
    from posts.models import Nomination, Objection, Publication, Round

    kind = action.split(".")[1] if action.count(".") >= 2 else ""
    choices = {"round": Round.Status, "nomination": Nomination.Status, "objection": Objection.Status,
               "publication": Publication.Status, "assignment": Assignment.Status}.get(kind)
    labels = dict(choices.choices) if choices else {}
    labels.update({"offered": _("offered"), "withdrawn": _("withdrawn")} if kind == "post" else {})
    return labels


# What each recorded step is called on an object's history; codes stay in the audit log for auditors.
ACTION_LABELS = {
    "posts.post.created": _("Post created"),
    "posts.post.updated": _("Post edited"),
    "posts.post.offered": _("Post offered"),
    "posts.post.withdrawn": _("Post withdrawn"),
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
}


@register.filter
def action_label(entry):
    """An audit row's action in words (认岗, 已批准), not its code (`posts.nomination.submitted`)."""
    return ACTION_LABELS.get(entry.action, entry.action)


@register.filter
def from_label(entry):
    """An audit row's states are codes (`published`): show the word people use (公示中)."""
    return _labels_for(entry.action).get(entry.from_state, entry.from_state)


@register.filter
def to_label(entry):
    return _labels_for(entry.action).get(entry.to_state, entry.to_state)
