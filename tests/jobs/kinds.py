"""Job kinds for the tests, registered on import (the test worker imports this module too)."""

import time

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.jobs.models import Reminder
from members.jobs.registry import register_job
from members.jobs.services import JobRefusal, Outcome
from pioneer.errors import Refusal

EXPIRED = "This upload has expired or is not yours; please upload the file again."


def count(job, progress, *, n=5, with_file=False):
    for i in range(n):
        progress(i + 1, n)
    if with_file:
        return Outcome(data={"rows": n}, file="序号\n".encode() + b"".join(b"%d\n" % i for i in range(n)), filename="名单/2026.csv")
    return {"rows": n}


def refuse(job, progress, *, keyed=True):
    if keyed:
        raise JobRefusal(EXPIRED)
    raise Refusal(_(EXPIRED))


def crash(job, progress):
    raise RuntimeError("a bug, not a rule")


def steps(job, progress, *, n=10, pause=0.0):
    """Idempotent steps: each writes one row keyed by the job and the step, so a second run skips what the first wrote."""
    key = f"tests.steps:{job.pk}"
    for i in range(n):
        with transaction.atomic():
            Reminder.objects.get_or_create(key=key, object_id=str(i))
        progress(i + 1, n)
        time.sleep(pause)
    return {"rows": Reminder.objects.filter(key=key).count()}


register_job("tests.count", count, title=gettext_lazy("Background jobs"))
register_job("tests.refuse", refuse, title="refuse")
register_job("tests.crash", crash, title="crash")
register_job("tests.steps", steps, title="steps")
