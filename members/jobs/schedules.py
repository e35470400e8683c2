"""Run the beat schedule without beat: each schedule that is due runs once, here and now (for cron)."""

import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from members.jobs.models import ScheduleRun

logger = logging.getLogger(__name__)


def _claim(name: str, entry: dict, now, force: bool) -> bool:
    """Take this schedule's turn: true when it is due and no other run took the same turn first."""
    last = ScheduleRun.objects.filter(name=name).values_list("last_run_at", flat=True).first()
    if last is None:
        try:
            with transaction.atomic():
                ScheduleRun.objects.create(name=name, last_run_at=now)
        except IntegrityError:
            return False
        return True
    if not force and not entry["schedule"].is_due(last).is_due:
        return False
    return bool(ScheduleRun.objects.filter(name=name, last_run_at=last).update(last_run_at=now))


def run_due(*, force: bool = False, now=None) -> dict[str, object]:
    """Run every due schedule of CELERY_BEAT_SCHEDULE in this process; return each one's result by name."""
    from pioneer.celery import app

    app.loader.import_default_modules()
    now = now or timezone.now()
    results = {}
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        if not _claim(name, entry, now, force):
            continue
        logger.info("running schedule %s", name)
        results[name] = app.tasks[entry["task"]](*entry.get("args", ()), **entry.get("kwargs", {}))
    return results
