"""What every step's services share: the clock, the text rules, who manages what, telling a member."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from members import access, audit
from pioneer.errors import Refusal

MAX_TEXT = 1000


def now_or(now):
    return now or timezone.now()


def day_of(now) -> datetime.date:
    return timezone.localdate(now_or(now))


def clean_text(text, *, required_message, limit=MAX_TEXT) -> str:
    text = (text or "").strip()
    if not text:
        raise Refusal(required_message)
    if len(text) > limit:
        raise Refusal(_("Please keep it within %(limit)d characters (you wrote %(length)d).") % {"limit": limit, "length": len(text)})
    return text


def check_manages(actor, organisation):
    if not access.for_user(actor).manages(organisation):
        raise Refusal(_("You do not manage %(organisation)s.") % {"organisation": organisation})


def notify_member(member, text, url=""):
    if member.user_id:
        audit.notify(member.user, text, url)
