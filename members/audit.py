"""Write audit entries: one per state change, in the same transaction as the change.

What the app writes (a reason, a system actor, a notification) may be a `pioneer.words.Message`, so it
reads in the reader's language; a reason a person typed is kept as typed. The history pages show action
codes and states in words: each app registers its codes' labels and its states' choices from `ready()`.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy

from members.models import AuditEntry, Notification
from pioneer import security
from pioneer.words import Message, columns, described

ACTION_LABELS: dict[str, str] = {}
# Action code prefix ("posts.feedback") -> the choices its from/to states are values of.
STATE_CHOICES: dict[str, list[type[models.Choices]]] = {}
# Extra state words a prefix uses that are not choices of a model ("offered", "withdrawn").
STATE_WORDS: dict[str, dict[str, str]] = {}


def register_actions(labels: dict[str, str]) -> None:
    """Name action codes in words (`"posts.feedback.closed": gettext_lazy("Feedback closed")`)."""
    ACTION_LABELS.update(labels)


def register_states(prefix: str, *choices: type[models.Choices], words: dict[str, str] | None = None) -> None:
    """States recorded under actions starting with `prefix` are values of `choices` (or one of `words`)."""
    STATE_CHOICES.setdefault(prefix, []).extend(choices)
    if words:
        STATE_WORDS.setdefault(prefix, {}).update(words)


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


def _prefixes(action: str):
    parts = action.split(".")
    for n in range(len(parts), 0, -1):
        yield ".".join(parts[:n])


def state_label(action: str, value: str) -> str:
    """A recorded state in words; a value no registered choices know (a score, a version) shows as it is."""
    if not value:
        return ""
    for prefix in _prefixes(action):
        if value in STATE_WORDS.get(prefix, {}):
            return str(STATE_WORDS[prefix][value])
        for choices in STATE_CHOICES.get(prefix, ()):
            if value in choices.values:
                return str(choices(value).label)
    return value


# From an audited object to its district, tried in turn: organisations, members, feedback and results carry the
# column themselves; a window, post, round, plaque or job reaches it through what it hangs from.
DISTRICT_PATHS = ("organisation", "window", "member", "round", "publication", "feedback", "post", "scope")


def district_of(obj, depth: int = 0):
    """The committee whose history an entry belongs to; None for what is the whole installation's (a year)."""
    if obj is None or depth > 3:
        return None
    if _foreign_key(obj, "committee"):
        return obj.committee_id  # its own column (loaded if it was deferred)
    for path in DISTRICT_PATHS:
        if _foreign_key(obj, path):
            return district_of(getattr(obj, path), depth + 1)
    return None


def _foreign_key(obj, name: str) -> bool:
    try:
        field = obj._meta.get_field(name)
    except (FieldDoesNotExist, AttributeError):
        return False
    return bool(field.many_to_one or field.one_to_one)


def record(actor, action: str, obj, *, from_state: str = "", to_state: str = "", reason: "str | Message" = "") -> AuditEntry:
    actor_user = actor if getattr(actor, "is_authenticated", False) else None
    if actor_user is not None:
        actor_name = actor_user.get_full_name() or actor_user.get_username()
    elif isinstance(actor, Message):
        actor_name = actor
    else:
        actor_name = str(actor) if isinstance(actor, str) else ""
    entry = AuditEntry.objects.create(
        actor=actor_user,
        **columns("actor_name", actor_name, max_length=150),
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        committee_id=district_of(obj),
        **columns("object_repr", described(obj), max_length=200),
        from_state=str(from_state or ""),
        to_state=str(to_state or ""),
        **columns("reason", reason or ""),
    )
    security.audit_recorded(entry)
    return entry


def entries_for(obj):
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False), object_id=str(obj.pk)
    ).select_related("actor")


def notify(user, text: "str | Message", url: str = "") -> Notification | None:
    """Tell one user; pass a Message so it reads in the recipient's language, whoever caused it."""
    if user is None:
        return None
    return Notification.objects.create(recipient=user, **columns("text", text, max_length=500), url=url)


register_actions({
    "members.member.login_created": gettext_lazy("Login created"),
    "members.organisations.imported": gettext_lazy("Organisations imported"),
    "members.members.imported": gettext_lazy("Members imported"),
    "members.member.joined": gettext_lazy("Member joined the branch"),
    "members.member.branch_changed": gettext_lazy("Branch changed"),
    "members.member.left": gettext_lazy("Member left"),
    "members.member.returned": gettext_lazy("Member returned"),
    "members.account.unlocked": gettext_lazy("Account unlocked"),
})
register_states("members.member", words={"in_service": gettext_lazy("in service"), "left": gettext_lazy("no longer in service")})
register_states("members.account", words={"locked": gettext_lazy("locked"), "unlocked": gettext_lazy("unlocked")})
