"""View helpers shared by every app: one way to check access."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from members import access


class RoleRequiredMixin(LoginRequiredMixin):
    """Log in first, then `allowed(acc)` decides; a refusal is 403."""

    def allowed(self, acc) -> bool:
        return True

    @property
    def acc(self):
        return access.for_user(self.request.user)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not self.allowed(access.for_user(request.user)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ManagerRequiredMixin(RoleRequiredMixin):
    def allowed(self, acc):
        return acc.manages_any


class CommitteeRequiredMixin(RoleRequiredMixin):
    def allowed(self, acc):
        return acc.is_committee_staff


def get_visible_or_404(queryset, user, **lookup):
    """Fetch an object through its `visible_to(user)` scope: anything outside it is 404."""
    return get_object_or_404(queryset.visible_to(user), **lookup)


def get_changeable_or_403(queryset, user, may_change, **lookup):
    """Fetch through the scope (404 outside it), then `may_change(acc, obj)` decides: visible but not yours is 403."""
    obj = get_visible_or_404(queryset, user, **lookup)
    if not may_change(access.for_user(user), obj):
        raise PermissionDenied
    return obj


def show_refusal(request, exc, *, form=None, field=None):
    """Turn a service's Refusal into what the user reads: a form error when there is a form, else a message."""
    if form is not None:
        form.add_error(field, exc.message)
    else:
        messages.error(request, exc.message)
