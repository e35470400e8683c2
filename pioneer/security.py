"""Security events, one line each, to the `pioneer.security` logger: who, what, from where; never a card or a ballot.

Events: login lockouts (django-axes), refused access (403) and CSRF failures, and the audited moves
listed in SECURITY_ACTIONS (imports applied, results adjusted, plaque decisions…), logged once the
transaction that made them has committed.
"""

from __future__ import annotations

import json
import logging

from django.db import transaction

logger = logging.getLogger("pioneer.security")

# Field names that could carry a vote card or a ballot: refused outright, so no caller can log one by accident.
FORBIDDEN_FIELDS = frozenset({"token", "card", "ballot", "rating", "password"})

# Audit actions that are security events. An action ending in ".imported" always is.
SECURITY_ACTIONS = frozenset({
    "evaluation.result.adjusted",
    "evaluation.year.published",
    "evaluation.tokens.generated",
    "posts.plaque.recorded",
    "posts.plaque_application.approved",
    "posts.plaque_application.rejected",
    "members.member.login_created",
})


def log_event(code: str, **fields) -> None:
    """Log one security event: a dotted code and a few plain fields (user ids, paths, addresses)."""
    forbidden = FORBIDDEN_FIELDS & set(fields)
    if forbidden:
        raise ValueError(f"Security events never carry {', '.join(sorted(forbidden))}.")
    logger.info("%s %s", code, json.dumps(fields, ensure_ascii=False, sort_keys=True, default=str),
                extra={"security_code": code, "security_fields": fields})


def is_security_action(action: str) -> bool:
    return action in SECURITY_ACTIONS or action.endswith(".imported")


def audit_recorded(entry) -> None:
    """Called for each audit entry: log it after commit when its action is a security event."""
    if not is_security_action(entry.action):
        return
    fields = {
        "actor": entry.actor_id, "actor_name": entry.actor_name,
        "object": f"{entry.content_type.app_label}.{entry.content_type.model}:{entry.object_id}",
        "from": entry.from_state, "to": entry.to_state,
    }
    transaction.on_commit(lambda: log_event(entry.action, **fields))


def request_fields(request) -> dict:
    from pioneer.net import client_ip

    user = getattr(request, "user", None)
    return {
        "path": request.path,
        "method": request.method,
        "user": user.pk if user is not None and user.is_authenticated else None,
        "address": client_ip(request),
    }


def on_locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    log_event("auth.locked_out", username=username, address=ip_address)


def connect() -> None:
    from axes.signals import user_locked_out

    user_locked_out.connect(on_locked_out, dispatch_uid="pioneer.security.locked_out")
