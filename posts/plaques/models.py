"""Plaques: the per-year register written by steps 4 and 5, and the units' applications for the striving plaque."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pioneer import words
from posts.codes import new_verification_code
from posts.windows.models import Window

__all__ = ["PlaqueRecord", "PlaqueApplication"]


class PlaqueRecordQuerySet(models.QuerySet):
    def in_force(self, year=None):
        """The records of a year (this year by default) that give a plaque."""
        year = year or timezone.localdate().year
        return self.filter(year=year).exclude(level=PlaqueRecord.Level.NONE)


class PlaqueRecord(models.Model):
    """The plaque a window holds for a year, and why: the register's history, one row per window and year."""

    class Level(models.TextChoices):
        STRIVING = "striving", _("Striving for pioneer post")
        PIONEER = "pioneer", _("Communist Party Member Pioneer Post")
        NONE = "none", _("No plaque")

    class Source(models.TextChoices):
        APPLICATION = "application", _("Application approved")
        EVALUATION = "evaluation", _("Year-end evaluation")

    class Change(models.TextChoices):
        AWARDED = "awarded", _("Awarded")
        KEPT = "kept", _("Kept")
        UPGRADED = "upgraded", _("Upgraded")
        DOWNGRADED = "downgraded", _("Downgraded")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    RANK = {Level.NONE: 0, Level.STRIVING: 1, Level.PIONEER: 2}

    window = models.ForeignKey(Window, verbose_name=_("service window"), on_delete=models.PROTECT, related_name="plaques")
    year = models.PositiveSmallIntegerField(_("year"))
    level = models.CharField(_("plaque"), max_length=16, choices=Level.choices)
    source = models.CharField(_("decided by"), max_length=16, choices=Source.choices)
    # The evaluation writes its reasons as stored messages (pioneer.words): they read in the reader's language.
    reason = words.MessageTextField(_("reason"), blank=True)
    reason_key = words.key_field()
    reason_params = words.params_field()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("decided"))
    # Against the window's previous record; filled in by posts.plaques.services.record_plaque.
    change = models.CharField(_("change"), max_length=16, choices=Change.choices, blank=True)
    # A random key printed as a QR code on the plaque, so anyone can verify it on /plaques/.
    verification_code = models.CharField(max_length=32, unique=True, default=new_verification_code, editable=False)

    objects = PlaqueRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("plaque record")
        verbose_name_plural = _("plaque records")
        ordering = ["-year", "window__code"]
        constraints = [
            models.UniqueConstraint(fields=["window", "year"], name="plaque_one_per_window_year"),
            models.CheckConstraint(condition=Q(level__in=["striving", "pioneer", "none"]), name="plaque_level_valid"),
        ]

    def __str__(self):
        return self.described().render()

    def get_absolute_url(self):
        return reverse("posts:plaque_verify", args=[self.verification_code])

    def described(self):
        return words.Message("%(window)s %(year)s %(level)s", window=self.window.name, year=self.year,
                             level=type(self).Level(self.level))

    @property
    def gives_plaque(self) -> bool:
        return self.level != self.Level.NONE

    @property
    def is_current(self) -> bool:
        return self.year == timezone.localdate().year


class PlaqueApplicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(window__in=Window.objects.visible_to(user).values("pk"))


class PlaqueApplication(models.Model):
    """A unit's application (申报) for a window to join the creation campaign and hang the "striving" plaque."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Awaiting review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    window = models.ForeignKey(Window, verbose_name=_("service window"), on_delete=models.PROTECT, related_name="plaque_applications")
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    statement = models.TextField(
        _("creation conditions"), max_length=3000,
        help_text=_("How the window meets the creation conditions: posts, members, commitments, systems."),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    applied_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    applied_at = models.DateTimeField(_("applied"))
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True, max_length=2000)
    plaque = models.OneToOneField(PlaqueRecord, null=True, blank=True, on_delete=models.SET_NULL, related_name="application")

    objects = PlaqueApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("plaque application")
        verbose_name_plural = _("plaque applications")
        ordering = ["-applied_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["submitted", "approved", "rejected", "withdrawn"]), name="plaque_application_status_valid"
            ),
            # One live application per window and year: a second one waits until the first is decided or withdrawn.
            models.UniqueConstraint(
                fields=["window", "year"], condition=Q(status__in=["submitted", "approved"]),
                name="plaque_application_one_live_per_year",
                violation_error_message=_("This window already has an application for that year."),
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(review_note=""), name="plaque_application_rejection_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["approved", "rejected"]) | Q(reviewed_at__isnull=False),
                name="plaque_application_reviewed_has_date",
            ),
        ]

    def __str__(self):
        return self.described().render()

    def get_absolute_url(self):
        return reverse("posts:plaque_application", args=[self.pk])

    def described(self):
        return words.Message("%(window)s %(year)s", window=self.window.name, year=self.year)
