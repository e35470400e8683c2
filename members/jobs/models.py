"""The Job a person watches, and the small records the schedules keep so they never repeat themselves."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from members import access


class JobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A user's own jobs; committee staff also every job scoped to an organisation they oversee."""
        acc = access.for_user(user)
        if not acc.is_authenticated:
            return self.none()
        return access.scope(self, user, "scope__", also=Q(created_by=user), managed=acc.is_committee_staff)

    def finished(self):
        return self.filter(state__in=Job.FINISHED)


class Job(models.Model):
    """One started piece of long work: who, what, for which organisation, how far, and how it ended."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    FINISHED = [State.DONE, State.FAILED]

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=80)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="jobs", verbose_name=_("started by")
    )
    scope = models.ForeignKey(
        "members.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("organisation")
    )
    params = models.JSONField(default=dict, blank=True)
    # The language of the person who started it: the job's files and messages are written in it.
    language = models.CharField(max_length=16, blank=True)
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.QUEUED)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    # Each run of the job (a redelivery after a lost worker is another) counts one up; only the
    # latest run may write progress or the outcome.
    attempts = models.PositiveSmallIntegerField(default=0)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    result_file = models.FileField(_("result file"), upload_to="jobs/", max_length=300, blank=True)
    result_name = models.CharField(_("file name"), max_length=200, blank=True)
    result_data = models.JSONField(default=dict, blank=True)
    # The message is stored untranslated (its msgid) with its parameters and translated for each reader.
    error_key = models.CharField(max_length=500, blank=True)
    error_params = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["created_by", "-created_at"], name="job_owner_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=["queued", "running", "done", "failed"]), name="job_state_valid"),
            models.CheckConstraint(
                condition=Q(state__in=["queued", "running"]) | Q(finished_at__isnull=False), name="job_finished_has_time"
            ),
            models.CheckConstraint(condition=~Q(state="failed") | ~Q(error_key=""), name="job_failure_has_message"),
        ]

    def __str__(self):
        return str(self.title)

    @property
    def title(self):
        from members.jobs.registry import get_kind

        kind = get_kind(self.kind)
        return kind.title if kind is not None else self.kind

    @property
    def is_finished(self) -> bool:
        return self.state in self.FINISHED

    @property
    def percent(self) -> int | None:
        if self.state == self.State.DONE:
            return 100
        if not self.total:
            return None
        return min(100, self.done * 100 // self.total)

    @property
    def message(self) -> str:
        """The failure in the reader's language."""
        if not self.error_key:
            return ""
        text = gettext(self.error_key)
        try:
            return text % self.error_params if self.error_params else text
        except (KeyError, TypeError, ValueError):
            return text


class Reminder(models.Model):
    """That one reminder about one object was sent: a schedule that runs again finds it and stays quiet."""

    key = models.CharField(max_length=80)
    object_id = models.CharField(max_length=64)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [models.UniqueConstraint(fields=["key", "object_id"], name="reminder_once")]

    def __str__(self):
        return f"{self.key} {self.object_id}"


class ScheduleRun(models.Model):
    """When a schedule last ran through `run_schedules` (the cron way, with no Celery beat)."""

    name = models.CharField(max_length=80, unique=True)
    last_run_at = models.DateTimeField()

    def __str__(self):
        return self.name
