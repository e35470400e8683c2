"""Quarterly activity (按季活动): a window's reports, their activities and the evidence behind them."""

import datetime

from django.conf import settings
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from evaluation.models.years import EvaluationYear
from members import access
from members.models import Member
from pioneer.words import Message
from posts.models import Window

# Quarters in words: 第一季度 reads as Chinese, "Q1" does not.
QUARTER_NAMES = {1: _("Q1"), 2: _("Q2"), 3: _("Q3"), 4: _("Q4")}


def quarter_name(quarter: int) -> str:
    return str(QUARTER_NAMES.get(int(quarter), quarter))


class QuarterReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Those who manage the window's unit; nobody else (members do not see the quarter's working papers)."""
        return access.scope(self, user, "window__organisation__")


class QuarterReport(models.Model):
    """A window's activities in one quarter (按季活动): recorded, then submitted and locked."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being recorded")
        SUBMITTED = "submitted", _("Submitted")

    year = models.ForeignKey(EvaluationYear, verbose_name=_("evaluation year"), on_delete=models.PROTECT, related_name="quarter_reports")
    window = models.ForeignKey(Window, verbose_name=_("service window"), on_delete=models.PROTECT, related_name="quarter_reports")
    quarter = models.PositiveSmallIntegerField(_("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = QuarterReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("quarterly report")
        verbose_name_plural = _("quarterly reports")
        ordering = ["year", "window__code", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["year", "window", "quarter"], name="quarter_report_unique"),
            models.CheckConstraint(condition=Q(quarter__gte=1) & Q(quarter__lte=4), name="quarter_report_quarter_range"),
            models.CheckConstraint(condition=Q(status__in=["draft", "submitted"]), name="quarter_report_status_valid"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False), name="quarter_report_submitted_has_time"
            ),
        ]

    def __str__(self):
        return self.described().render()

    def described(self):
        return Message("%(window)s, %(quarter)s %(year)s", window=self.window.name,
                       quarter=QUARTER_NAMES.get(self.quarter, self.quarter), year=self.year.year)

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.SUBMITTED

    @property
    def deadline(self) -> datetime.date:
        return self.year.quarter_deadline(self.quarter)

    @property
    def is_late(self) -> bool:
        if self.submitted_at is None:
            return timezone.localdate() > self.deadline
        return timezone.localdate(self.submitted_at) > self.deadline


class Activity(models.Model):
    """One activity of a window in a quarter: a study session, a service action, a meeting."""

    class Kind(models.TextChoices):
        STUDY = "study", _("Study")
        SERVICE = "service", _("Service")
        MEETING = "meeting", _("Meeting")
        OTHER = "other", _("Other")

    report = models.ForeignKey(QuarterReport, verbose_name=_("quarterly report"), on_delete=models.CASCADE, related_name="activities")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    participants = models.ManyToManyField(Member, verbose_name=_("participants"), related_name="evaluation_activities", blank=True)
    description = models.TextField(_("description"), max_length=2000)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["date", "pk"]
        constraints = [models.CheckConstraint(condition=Q(kind__in=["study", "service", "meeting", "other"]), name="activity_kind_valid")]

    def __str__(self):
        return self.described().render()

    def described(self):
        return Message("%(date)s %(kind)s", date=self.date, kind=type(self).Kind(self.kind))


EVIDENCE_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "docx", "xlsx"]
EVIDENCE_MAX_BYTES = 5 * 1024 * 1024


def private_storage():
    from django.core.files.storage import storages

    return storages["private"]


class EvidenceQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Evidence is as private as the quarter's report it belongs to."""
        return access.scope(self, user, "activity__report__window__organisation__")


class Evidence(models.Model):
    """A file that shows an activity happened: photos, minutes, sign-in sheets."""

    activity = models.ForeignKey(Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(
        _("file"), upload_to="evaluation/evidence/%Y/", storage=private_storage, validators=[FileExtensionValidator(EVIDENCE_EXTENSIONS)]
    )
    size = models.PositiveIntegerField(_("size in bytes"))

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        constraints = [models.CheckConstraint(condition=Q(size__lte=EVIDENCE_MAX_BYTES), name="evidence_size_limit")]

    def __str__(self):
        return self.file.name.rsplit("/", 1)[-1]
