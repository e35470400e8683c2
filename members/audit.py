"""Write audit entries: one per state change, in the same transaction as the change."""

from django.contrib.contenttypes.models import ContentType

from members.models import AuditEntry, Notification
from pioneer import security


def record(actor, action: str, obj, *, from_state: str = "", to_state: str = "", reason: str = "") -> AuditEntry:
    actor_user = actor if getattr(actor, "is_authenticated", False) else None
    if actor_user is not None:
        actor_name = actor_user.get_full_name() or actor_user.get_username()
    else:
        actor_name = str(actor) if isinstance(actor, str) else ""
    entry = AuditEntry.objects.create(
        actor=actor_user,
        actor_name=actor_name[:150],
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        from_state=str(from_state or ""),
        to_state=str(to_state or ""),
        reason=reason or "",
    )
    security.audit_recorded(entry)
    return entry


def entries_for(obj):
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False), object_id=str(obj.pk)
    ).select_related("actor")


def notify(user, text: str, url: str = "") -> Notification | None:
    if user is None:
        return None
    return Notification.objects.create(recipient=user, text=str(text)[:500], url=url)
