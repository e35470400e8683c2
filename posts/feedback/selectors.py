"""Complaint figures per window: the staff summary and the evaluation read the same numbers."""

from django.db.models import Count, Q
from django.utils import timezone

from posts.models import Feedback, Window


def complaint_summary(year: int, windows=None):
    """Per window, the complaints received in the year and their outcomes (upheld complaints count against the window)."""
    complaints = Q(feedback__kind=Feedback.Kind.COMPLAINT, feedback__created_at__year=year)
    now = timezone.now()
    return (
        (windows if windows is not None else Window.objects.all()).select_related("organisation")
        .annotate(
            complaints=Count("feedback", filter=complaints),
            upheld=Count("feedback", filter=complaints & Q(feedback__upheld=True)),
            serious=Count("feedback", filter=complaints & Q(feedback__upheld=True, feedback__serious=True)),
            dissatisfied=Count("feedback", filter=complaints & Q(feedback__satisfied=False)),
            overdue=Count("feedback", filter=complaints & Q(feedback__status__in=Feedback.OPEN, feedback__due_at__lt=now)),
            praise=Count("feedback", filter=Q(feedback__kind=Feedback.Kind.PRAISE, feedback__created_at__year=year)),
        )
        .order_by("organisation__code", "code")
    )
