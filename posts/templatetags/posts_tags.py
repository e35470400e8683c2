from django import template
from django.utils import timezone

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


# What each recorded step is called on an object's history, from the labels every app registers with the
# audit (posts/words.py, evaluation/words.py, members/audit.py); codes stay in the audit log for auditors.
@register.filter
def action_label(entry):
    """An audit row's action in words (认岗, 已批准), not its code (`posts.nomination.submitted`)."""
    return entry.action_label


@register.filter
def from_label(entry):
    """An audit row's states are codes (`published`): show the word people use (公示中)."""
    return entry.from_label


@register.filter
def to_label(entry):
    return entry.to_label
