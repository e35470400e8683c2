"""The posts app's scheduled tasks (Celery beat, or `manage.py run_schedules` from cron)."""

from celery import shared_task

from posts.feedback.reminders import remind_feedback_deadlines
from posts.publication.services import confirm_due_publications


@shared_task(name="posts.confirm_due_publications")
def confirm_publications():
    """Confirm the assignments of every publication whose notice has ended (held ones wait)."""
    return confirm_due_publications()


@shared_task(name="posts.remind_feedback_deadlines")
def remind_feedback():
    """Remind units of feedback due within a working day or already late, once per stage."""
    return remind_feedback_deadlines()
