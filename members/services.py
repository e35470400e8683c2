"""Writes that touch more than one model in the members app."""

import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from members import audit
from members.models import Member
from pioneer.errors import Refusal


def _temporary_password() -> str:
    # Easy to read out and type on a phone: no 0/O or 1/l/I.
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(12))


def create_login(actor, *, member: Member) -> tuple[object, str]:
    """Give a member a login account named after their member number; return it and a one-time password."""
    User = get_user_model()
    with transaction.atomic():
        member = Member.objects.select_for_update().get(pk=member.pk)
        if member.user_id is not None:
            raise Refusal(_("%(name)s already has a login account.") % {"name": member.name})
        username = member.member_no.lower()
        if User.objects.filter(username=username).exists():
            raise Refusal(_("The user name %(username)s is taken; ask an administrator.") % {"username": username})
        password = _temporary_password()
        user = User(username=username, first_name=member.name)
        user.set_password(password)
        user.save()
        member.user = user
        member.save(update_fields=["user", "updated_at"])
        audit.record(actor, "members.member.login_created", member, to_state=username)
    return user, password
