"""Unlocking an account locked by too many failed logins (django-axes): by whoever manages its member."""

import datetime

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from members import access, audit
from members.mixins import RoleRequiredMixin, get_visible_or_404
from members.models import Member
from pioneer.errors import Refusal
from pioneer.words import Message


def cool_off() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)


def locked_until(user, *, now=None):
    """When the lock on this login ends, or None if it is not locked."""
    now = now or timezone.now()
    attempt = (
        AccessAttempt.objects.filter(username=user.get_username(), failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-attempt_time").first()
    )
    if attempt is None or attempt.attempt_time + cool_off() <= now:
        return None
    return attempt.attempt_time + cool_off()


def may_unlock(acc, member) -> bool:
    # The committee and the unit's secretaries; a branch secretary asks them (the lock is a security event).
    return acc.is_committee_staff or (acc.is_unit_secretary and acc.manages(member.branch))


def unlock_account(actor, *, member, now=None) -> None:
    if not may_unlock(access.for_user(actor), member):
        raise Refusal(_("Only the committee or the unit's secretaries unlock an account."))
    if member.user_id is None or locked_until(member.user, now=now) is None:
        raise Refusal(_("This account is not locked."))
    with transaction.atomic():
        reset(username=member.user.get_username())
        audit.record(actor, "members.account.unlocked", member, from_state="locked", to_state="unlocked")
    audit.notify(member.user, Message("Your account was unlocked. You can log in again."), "")


class UnlockAccountView(RoleRequiredMixin, View):
    def post(self, request, pk):
        member = get_visible_or_404(Member.objects.select_related("branch__parent", "user"), request.user, pk=pk)
        if not may_unlock(self.acc, member):
            raise PermissionDenied
        try:
            unlock_account(request.user, member=member)
        except Refusal as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The account is unlocked."))
        return redirect("members:detail", pk=member.pk)
