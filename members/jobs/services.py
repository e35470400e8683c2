"""Start a job, run it once to its end, and keep its progress: the only writes to Job rows."""

import datetime
import logging
import re
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import DateTimeField, F, Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from members import audit
from members.jobs.models import Job
from members.jobs.registry import get_kind
from pioneer.errors import Refusal
from pioneer.words import Message

logger = logging.getLogger(__name__)

GENERIC_FAILURE = gettext_noop("The job failed; please contact the administrator.")
UNKNOWN_KIND = gettext_noop("This kind of job is unknown: %(kind)s.")
# Who finished or failed a job on the history pages: no person, the job runner (read in each reader's language).
RUNNER = Message("background jobs")


class JobRefusal(Refusal):
    """A refusal whose message is kept untranslated, so each reader of the job sees it in their language."""

    def __init__(self, msgid: str, **params):
        text = _(msgid)
        super().__init__(text % params if params else text)
        self.key, self.params = msgid, params


class Superseded(Exception):
    """Another run of the same job took it over: this one must stop without writing."""


class StillRunning(Exception):
    """The job is running in a live worker: a redelivered copy waits and tries again later."""


@dataclass
class Outcome:
    """What a job func may return: result data (counts) and, optionally, a file for the user to download."""

    data: dict = field(default_factory=dict)
    file: File | bytes | None = None
    filename: str = ""


def stale_after() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.PIONEER["JOB_STALE_SECONDS"])


def start_job(actor, *, kind: str, params: dict | None = None, scope=None) -> Job:
    """Record a job and hand it to a worker once the current transaction commits."""
    if get_kind(kind) is None:
        raise Refusal(_(UNKNOWN_KIND) % {"kind": kind})
    from members.jobs.tasks import run_job

    with transaction.atomic():
        job = Job.objects.create(
            kind=kind, created_by=actor, scope=scope, params=params or {}, language=translation.get_language() or "",
        )
        audit.record(actor, "jobs.job.started", job, to_state=job.state)
        job_id = str(job.pk)
        transaction.on_commit(lambda: run_job.delay(job_id))
    return job


def progress_key(job_id) -> str:
    return f"job-progress:{job_id}"


def live_progress(job: Job) -> Job:
    """Put the cached progress on a running job: a func inside one transaction writes its row only at the end."""
    if job.state == Job.State.RUNNING:
        cached = cache.get(progress_key(job.pk))
        if cached is not None:
            job.done, job.total = cached
    return job


class Progress:
    """`progress(done, total)` for a job func: a conditional UPDATE of two numbers, at most once per `interval`.

    Each call also goes to the shared cache, which other connections see even while the func's
    transaction is open.
    """

    def __init__(self, job: Job, *, interval: float = 1.0):
        self.job, self.interval = job, interval
        self._last = 0.0

    def __call__(self, done: int, total: int | None = None) -> None:
        total_now = max(0, total) if total is not None else self.job.total
        cache.set(progress_key(self.job.pk), (max(0, done), total_now), timeout=settings.PIONEER["JOB_STALE_SECONDS"] * 10)
        now = time.monotonic()
        finishing = total is not None and done >= total
        if now - self._last < self.interval and not finishing:
            return
        self._last = now
        fields = {"done": max(0, done), "heartbeat_at": timezone.now()}
        if total is not None:
            fields["total"] = max(0, total)
        if not _this_run(self.job).update(**fields):
            raise Superseded
        self.job.done, self.job.total = fields["done"], fields.get("total", self.job.total)


def _this_run(job: Job):
    return Job.objects.filter(pk=job.pk, state=Job.State.RUNNING, attempts=job.attempts)


def _take(job_id) -> Job | None:
    """Mark the job running for this run: from queued, or from running when its last run has gone silent."""
    now = timezone.now()
    taken = (
        Job.objects.filter(pk=job_id)
        .filter(Q(state=Job.State.QUEUED) | Q(state=Job.State.RUNNING, heartbeat_at__lt=now - stale_after()))
        .update(
            state=Job.State.RUNNING, heartbeat_at=now, attempts=F("attempts") + 1,
            started_at=Coalesce(F("started_at"), Value(now, output_field=DateTimeField())),
        )
    )
    job = Job.objects.select_related("created_by").filter(pk=job_id).first()
    if not taken:
        if job is not None and job.state == Job.State.RUNNING:
            raise StillRunning
        return None
    return job


def run(job_id) -> str | None:
    """Run a queued job to its end; return its final state, or None when there was nothing to run."""
    job = _take(job_id)
    if job is None:
        return None
    kind = get_kind(job.kind)
    with translation.override(job.language or settings.LANGUAGE_CODE):
        try:
            if kind is None:
                raise JobRefusal(UNKNOWN_KIND, kind=job.kind)
            outcome = kind.func(job, Progress(job), **job.params)
        except Superseded:
            logger.warning("job %s was taken over by a later run; this run stops", job.pk)
            return None
        except JobRefusal as exc:
            return _fail(job, exc.key, exc.params)
        except Refusal as exc:
            # Already translated (into the starter's language): stored as is.
            return _fail(job, exc.message, {})
        except Exception:
            logger.exception("job %s (%s) failed", job.pk, job.kind)
            return _fail(job, GENERIC_FAILURE, {})
        return _succeed(job, outcome)


def _safe_filename(name: str) -> str:
    name = re.sub(r"[\x00-\x1f\x7f/\\:*?\"<>|]+", "_", name or "").strip(" ._")
    return name[:150] or "result"


def _succeed(job: Job, outcome) -> str | None:
    if outcome is None:
        outcome = Outcome()
    elif isinstance(outcome, dict):
        outcome = Outcome(data=outcome)
    path, name = "", ""
    if outcome.file is not None:
        name = _safe_filename(outcome.filename or getattr(outcome.file, "name", ""))
        content = ContentFile(outcome.file) if isinstance(outcome.file, bytes) else outcome.file
        suffix = name.rsplit(".", 1)[1][:10] if "." in name else "bin"
        # The stored name says nothing about the content; the reader's file name is kept apart.
        path = default_storage.save(f"jobs/{job.pk.hex}-{job.attempts}.{suffix}", content)
    now = timezone.now()
    with transaction.atomic():
        finished = _this_run(job).update(
            state=Job.State.DONE, finished_at=now, heartbeat_at=now, done=F("total") if job.total else F("done"),
            result_file=path, result_name=name, result_data=outcome.data,
        )
        if not finished:
            transaction.on_commit(lambda: _discard(path))
            return None
        audit.record(RUNNER, "jobs.job.done", job, from_state=Job.State.RUNNING, to_state=Job.State.DONE)
        _notify(job, Message("Done: %(title)s.", title=job.title))
    return Job.State.DONE


def _discard(path: str) -> None:
    if path:
        default_storage.delete(path)


def _fail(job: Job, key: str, params: dict) -> str | None:
    params = {name: value if isinstance(value, int | float) else str(value) for name, value in params.items()}
    now = timezone.now()
    with transaction.atomic():
        if not _this_run(job).update(state=Job.State.FAILED, finished_at=now, error_key=key[:500], error_params=params):
            return None
        job.error_key, job.error_params = key, params
        # The failure as a stored message: its key and parameters, read in each reader's language (as `Job.message`).
        failure = Message.stored(key, params)
        audit.record(RUNNER, "jobs.job.failed", job, from_state=Job.State.RUNNING, to_state=Job.State.FAILED, reason=failure)
        _notify(job, Message("Failed: %(title)s. %(reason)s", title=job.title, reason=failure))
    return Job.State.FAILED


def _notify(job: Job, text: Message) -> None:
    audit.notify(job.created_by, text, reverse("jobs:detail", args=[job.pk]))
