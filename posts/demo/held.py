"""Demo data for a publication held by an objection (有未答复的异议,暂缓确认).

Branch XZSP-2 (the demo unit's second branch) published its round late. A member of the branch objected
during the notice period and the objection is still unanswered after the notice ended, so the daily
confirmation leaves the publication in notice, flagged as held, until someone answers it. The objector
gets the `member2` login. Called by the rounds demo, inside its own idempotency guard.
"""

import datetime

from django.contrib.auth import get_user_model

from members.demo import DEMO_PASSWORD
from members.models import Member
from posts.publication import services as publication

HELD_BRANCH = "XZSP-2"
OBJECTOR = "member2"
PUBLISHED_DAYS_AGO = 20  # five working days of notice end at most seven days later: long over
OBJECTION = "该同志今年还兼任单位档案整理工作，时间上能否兼顾这个岗位的职责？请支部核实后再确认。"


def _objector(branch, exclude):
    """A member of the branch who is not on the publication, given the demo login `member2`."""
    member = (Member.objects.in_service().filter(branch=branch, user__isnull=True).exclude(pk__in=exclude)
              .order_by("member_no").first())
    User = get_user_model()
    user = User(username=OBJECTOR, first_name=member.name)
    user.set_password(DEMO_PASSWORD)
    user.save()
    Member.objects.filter(pk=member.pk).update(user=user)
    return user


def publish_held(actor, rnd, *, now):
    """Publish the round weeks ago and raise a member's objection while its notice was on; nobody answers it."""
    held = publication.publish_round(actor, round=rnd, now=now - datetime.timedelta(days=PUBLISHED_DAYS_AGO))
    about = held.assignments.select_related("member").order_by("member__member_no").first()
    objector = _objector(rnd.organisation, exclude=held.assignments.values("member_id"))
    publication.raise_objection(
        objector, publication=held, text=OBJECTION, assignment=about, now=now - datetime.timedelta(days=PUBLISHED_DAYS_AGO - 1),
    )
    return held
