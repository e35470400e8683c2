"""Remind a window's unit of feedback whose answer is due within a working day, and again once it is late.

Each reminder goes once per feedback and per stage (due soon, overdue): the sent reminder is recorded
in the same transaction as the notification, so a schedule that runs twice, or twice at once, stays quiet.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from members import audit
from members.jobs.models import Reminder
from members.models import Role
from pioneer.words import Message
from pioneer.workdays import add_working_days
from posts.models import Feedback

DUE_SOON = "posts.feedback.due_soon"
OVERDUE = "posts.feedback.overdue"


def _message(stage: str, feedback: Feedback) -> Message:
    values = {"code": feedback.reference, "window": feedback.window.name, "due": timezone.localtime(feedback.due_at)}
    if stage == OVERDUE:
        return Message("Feedback %(code)s about %(window)s is overdue: the answer was due %(due)s.", **values)
    return Message("Feedback %(code)s about %(window)s needs an answer by %(due)s.", **values)


def _send_once(stage: str, feedback: Feedback, recipients) -> bool:
    try:
        with transaction.atomic():
            Reminder.objects.create(key=stage, object_id=str(feedback.pk))
            url = feedback.get_manage_url()
            text = _message(stage, feedback)
            for user in recipients:
                audit.notify(user, text, url)
    except IntegrityError:
        return False
    return True


def remind_feedback_deadlines(now=None) -> int:
    """Notify the unit secretaries of open feedback due within one working day or already late; return how many reminders."""
    now = now or timezone.now()
    soon = add_working_days(now, 1)
    open_near = list(Feedback.objects.open().filter(due_at__lte=soon).select_related("window").order_by("due_at", "pk"))
    sent_before = set(
        Reminder.objects.filter(key__in=[DUE_SOON, OVERDUE], object_id__in=[str(fb.pk) for fb in open_near]).values_list("key", "object_id")
    )
    secretaries: dict[int, list] = {}
    sent = 0
    for feedback in open_near:
        stage = OVERDUE if feedback.due_at < now else DUE_SOON
        if (stage, str(feedback.pk)) in sent_before:
            continue
        unit_id = feedback.window.organisation_id
        if unit_id not in secretaries:
            roles = Role.objects.filter(kind=Role.Kind.UNIT_SECRETARY, organisation_id=unit_id).select_related("user")
            secretaries[unit_id] = [role.user for role in roles]
        sent += _send_once(stage, feedback, secretaries[unit_id])
    return sent
