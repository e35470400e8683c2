"""Reads of step 1 that several pages share."""

from django.db.models import Q
from django.utils import timezone

from members import access
from posts.models import Round


def visible_rounds_open_for(user, *, today=None):
    """The open rounds a member may nominate in (their branch's and unit's)."""
    acc = access.for_user(user)
    if acc.member is None:
        return Round.objects.none()
    day = today or timezone.localdate()
    return Round.objects.open_on(day).filter(Q(organisation_id=acc.member.branch_id) | Q(organisation_id=acc.member_unit_id))
