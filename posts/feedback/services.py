"""Feedback followed to a conclusion (求有应答, 事有终结): every move is one function here.

received → handling → concluded (the unit, with a written reply each time);
concluded + dissatisfied → escalated (the citizen, once) → closed (the committee).
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members import access, audit
from members.models import Role
from pioneer.errors import Refusal
from pioneer.words import Message, sentences
from pioneer.workdays import add_working_days
from posts.models import FEEDBACK_MAX_LENGTH, Feedback, FeedbackEvent
from posts.words import THE_PUBLIC, judgement

S = Feedback.Status


def response_days() -> int:
    return settings.PIONEER["FEEDBACK_RESPONSE_WORKING_DAYS"]


def clean_text(text: str, *, required: bool = True, label: str = "") -> str:
    text = (text or "").strip()
    if required and not text:
        raise Refusal(_("Please write a few words: %(what)s cannot be empty.") % {"what": label or _("the text")})
    if len(text) > FEEDBACK_MAX_LENGTH:
        raise Refusal(_("Please keep it under %(n)d characters.") % {"n": FEEDBACK_MAX_LENGTH})
    return text


def submit_feedback(actor=None, *, window, kind, text, member=None, contact_name="", contact_phone="", token=None, now=None,
                    tracking_code=None) -> Feedback:
    """Record what a citizen sent about a window; the same form token twice gives back the first row.

    The public has no account, so `actor` is None (the audit says "the public"). `tracking_code` is for demo data
    and imports only; the public form always gets a random one.
    """
    if not window.is_active:
        raise Refusal(_("This window is closed and takes no feedback."))
    if kind not in Feedback.Kind.values:
        raise Refusal(_("Choose praise, a suggestion or a complaint."))
    text = clean_text(text, label=_("what happened"))
    if token:
        existing = Feedback.objects.filter(submission_token=token).first()
        if existing is not None:
            return existing
    now = now or timezone.now()
    try:
        with transaction.atomic():
            feedback = Feedback.objects.create(
                window=window, kind=kind, text=text, member=member,
                contact_name=(contact_name or "").strip()[:50], contact_phone=(contact_phone or "").strip()[:30],
                created_at=now, due_at=add_working_days(now, response_days()), submission_token=token or None,
                **({"tracking_code": tracking_code} if tracking_code else {}),
            )
            FeedbackEvent.objects.create(feedback=feedback, by=FeedbackEvent.By.CITIZEN, to_status=S.RECEIVED, created_at=now)
            audit.record(actor or THE_PUBLIC, "posts.feedback.received", feedback, to_state=S.RECEIVED)
            _notify_unit(feedback)
    except IntegrityError:
        # The same form was sent twice at once: the unique token let one through; show that one.
        existing = Feedback.objects.filter(submission_token=token).first() if token else None
        if existing is None:
            raise
        return existing
    return feedback


def _notify_unit(feedback):
    url = feedback.get_manage_url()
    text = Message("New %(kind)s about %(window)s: answer by %(due)s.", kind=Feedback.Kind(feedback.kind), window=feedback.window.name,
                   due=timezone.localdate(feedback.due_at))
    for role in Role.objects.filter(kind=Role.Kind.UNIT_SECRETARY, organisation_id=feedback.window.organisation_id).select_related("user"):
        audit.notify(role.user, text, url)


def _locked(feedback) -> Feedback:
    return Feedback.objects.select_for_update().select_related("window__organisation").get(pk=feedback.pk)


def _require_unit(actor, fb):
    if not access.for_user(actor).manages(fb.window.organisation):
        raise Refusal(_("Only the window's unit organisation can answer this."))


def _step(fb, actor, by, from_status, to_status, text, action, now, reason=""):
    FeedbackEvent.objects.create(
        feedback=fb, by=by, author=actor if getattr(actor, "is_authenticated", False) else None,
        from_status=from_status, to_status=to_status, text=text, created_at=now,
    )
    audit.record(actor, action, fb, from_state=from_status, to_state=to_status, reason=reason or text)


def respond_to_feedback(actor, *, feedback, text, now=None) -> Feedback:
    """The unit writes that it is handling the matter (received → handling), or adds a progress reply."""
    text = clean_text(text, label=_("the reply"))
    now = now or timezone.now()
    with transaction.atomic():
        fb = _locked(feedback)
        _require_unit(actor, fb)
        if fb.status not in (S.RECEIVED, S.HANDLING):
            raise Refusal(_("This feedback is already %(status)s and cannot be answered as the unit.") % {"status": fb.get_status_display()})
        before = fb.status
        if before == S.RECEIVED:
            fb.status = S.HANDLING
            fb.save(update_fields=["status"])
        _step(fb, actor, FeedbackEvent.By.UNIT, before, fb.status, text, "posts.feedback.answered", now)
    return fb


def conclude_feedback(actor, *, feedback, text, upheld=None, serious=False, now=None) -> Feedback:
    """The unit concludes the matter with a written answer; a complaint must be judged upheld or not."""
    text = clean_text(text, label=_("the conclusion"))
    now = now or timezone.now()
    with transaction.atomic():
        fb = _locked(feedback)
        _require_unit(actor, fb)
        if fb.status not in (S.RECEIVED, S.HANDLING):
            raise Refusal(_("This feedback is already %(status)s.") % {"status": fb.get_status_display()})
        upheld, serious = _judgement(fb, upheld, serious)
        before = fb.status
        fb.status, fb.upheld, fb.serious, fb.concluded_at = S.CONCLUDED, upheld, serious, now
        fb.save(update_fields=["status", "upheld", "serious", "concluded_at"])
        _step(fb, actor, FeedbackEvent.By.UNIT, before, S.CONCLUDED, text, "posts.feedback.concluded", now,
              reason=_with_judgement(text, upheld, serious))
    return fb


def _with_judgement(text, upheld, serious):
    """The audit reason of a conclusion: the answer as written, then, for a complaint, the judgement in words."""
    return text if upheld is None else sentences(text, judgement(upheld=upheld, serious=serious))


def _judgement(fb, upheld, serious):
    if fb.kind != Feedback.Kind.COMPLAINT:
        return None, False
    if upheld is None:
        raise Refusal(_("Say whether the complaint was upheld before concluding it."))
    if serious and not upheld:
        raise Refusal(_("Only an upheld complaint can be serious."))
    return bool(upheld), bool(serious)


def rate_feedback(actor=None, *, feedback, satisfied: bool, comment: str = "", now=None) -> Feedback:
    """The citizen (no account: `actor` is None) says whether the conclusion satisfies them (once)."""
    comment = clean_text(comment, required=False)
    now = now or timezone.now()
    with transaction.atomic():
        fb = _locked(feedback)
        if fb.status != S.CONCLUDED:
            raise Refusal(_("You can give your opinion once the matter is concluded."))
        if fb.satisfied is not None:
            raise Refusal(_("You have already given your opinion on this conclusion."))
        fb.satisfied, fb.rated_at = bool(satisfied), now
        fb.save(update_fields=["satisfied", "rated_at"])
        word = "satisfied" if satisfied else "dissatisfied"
        _step(fb, actor or THE_PUBLIC, FeedbackEvent.By.CITIZEN, S.CONCLUDED, S.CONCLUDED, comment, f"posts.feedback.{word}", now, reason=comment)
    return fb


def reopen_feedback(actor=None, *, feedback, reason: str, now=None) -> Feedback:
    """A dissatisfied citizen (`actor` None, as in `rate_feedback`) sends the matter to the committee: allowed once."""
    reason = clean_text(reason, label=_("why you are not satisfied"))
    now = now or timezone.now()
    with transaction.atomic():
        fb = _locked(feedback)
        if fb.status != S.CONCLUDED or fb.satisfied is not False:
            raise Refusal(_("Only a conclusion you are not satisfied with can be sent to the committee."))
        if fb.reopened_at is not None:
            raise Refusal(_("This matter has already been reopened once."))
        fb.status, fb.reopened_at = S.ESCALATED, now
        fb.due_at = add_working_days(now, response_days())
        fb.save(update_fields=["status", "reopened_at", "due_at"])
        _step(fb, actor or THE_PUBLIC, FeedbackEvent.By.CITIZEN, S.CONCLUDED, S.ESCALATED, reason, "posts.feedback.reopened", now)
        url = fb.get_manage_url()
        for role in Role.objects.filter(kind=Role.Kind.COMMITTEE_STAFF).select_related("user"):
            audit.notify(role.user, Message("A citizen asks the committee to review %(code)s.", code=fb.reference), url)
    return fb


def close_feedback(actor, *, feedback, text, upheld=None, serious=False, now=None) -> Feedback:
    """The committee gives the final answer on a reopened matter (escalated → closed)."""
    text = clean_text(text, label=_("the committee's answer"))
    now = now or timezone.now()
    if not access.for_user(actor).is_committee_staff:
        raise Refusal(_("Only the working committee can close a reopened matter."))
    with transaction.atomic():
        fb = _locked(feedback)
        if fb.status != S.ESCALATED:
            raise Refusal(_("Only a matter with the committee can be closed; this one is %(status)s.") % {"status": fb.get_status_display()})
        upheld, serious = _judgement(fb, upheld, serious)
        fb.status, fb.upheld, fb.serious, fb.closed_at = S.CLOSED, upheld, serious, now
        fb.save(update_fields=["status", "upheld", "serious", "closed_at"])
        _step(fb, actor, FeedbackEvent.By.COMMITTEE, S.ESCALATED, S.CLOSED, text, "posts.feedback.closed", now,
              reason=_with_judgement(text, upheld, serious))
    return fb
