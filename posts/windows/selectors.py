"""Who is on duty at a window: read by the window pages, markers, feedback form and exports."""

from posts.models import Assignment


def members_on_duty(window):
    """The confirmed holders of the window's open public-facing posts: never typed twice, always from the assignments."""
    return (
        Assignment.objects.confirmed()
        .filter(post__in=window.posts.filter(is_active=True, kind="public"))
        .select_related("member", "post", "member__marker_photo")
        .order_by("post_id", "member__member_no")
    )
