from django import template
from django.utils import timezone

from members import access
from members.unlock import cool_off, locked_until, may_unlock

register = template.Library()


@register.simple_tag(takes_context=True)
def account_lock(context, member):
    """When the member's locked login is unlocked by itself, if the viewer may unlock it sooner; else None."""
    if member.user_id is None or not may_unlock(access.for_user(context["request"].user), member):
        return None
    return locked_until(member.user)


@register.simple_tag
def lock_ends_at():
    # Every failed attempt during a lock starts the cool-off again (axes' default), so it ends one cool-off from now.
    return timezone.localtime(timezone.now() + cool_off())
