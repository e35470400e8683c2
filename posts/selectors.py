"""Reads that several pages share: who is on duty at a window, and complaint figures for the evaluation."""

from django.db.models import Count, Q
from django.utils import timezone

from posts.models import Assignment, Feedback, PlaqueRecord, Window


def members_on_duty(window):
    """The confirmed holders of the window's open public-facing posts: never typed twice, always from the assignments."""
    return (
        Assignment.objects.confirmed()
        .filter(post__in=window.posts.filter(is_active=True, kind="public"))
        .select_related("member", "post", "member__marker_photo")
        .order_by("post_id", "member__member_no")
    )


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


def current_plaques(window_ids, year=None):
    """{window_id: PlaqueRecord} for the year (this year by default), in one query."""
    year = year or timezone.localdate().year
    return {r.window_id: r for r in PlaqueRecord.objects.filter(window_id__in=window_ids, year=year)}
