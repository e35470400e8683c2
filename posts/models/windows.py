"""Service windows, the public's feedback and plaques (step 4)."""

import secrets

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members import access
from members.models import Organisation
from posts.models.catalogue import Post

__all__ = ["Window", "PlaqueRecord", "Feedback"]


class WindowQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def managed_by(self, user):
        """Windows whose unit the user manages (a branch secretary manages none: windows belong to units)."""
        acc = access.for_user(user)
        if acc.is_admin:
            return self
        q = acc.managed_organisation_q(prefix="organisation__") if acc.manages_any else Q()
        return self.filter(q) if q else self.none()


class Window(models.Model):
    """A service window (服务窗口) of a unit: its public-facing posts and the members holding them."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("unit party organisation"), on_delete=models.PROTECT, related_name="windows",
        limit_choices_to={"kind": Organisation.Kind.UNIT},
    )
    code = models.CharField(
        _("window code"), max_length=32, unique=True,
        validators=[RegexValidator(r"^[A-Za-z0-9-]+$", _("Use letters, digits and '-' only."))],
        help_text=_("Part of the window's public address, printed on QR codes: never change it once printed."),
    )
    name = models.CharField(_("window name"), max_length=100)
    location = models.CharField(_("location"), max_length=200, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    theme = models.CharField(_("creation theme"), max_length=200, blank=True, help_text=_("e.g. 爱我岗位,展我才能,履我职责,争先创优"))
    commitments = models.TextField(_("four-zeros commitments"), blank=True, max_length=2000)
    posts = models.ManyToManyField(Post, verbose_name=_("public-facing posts"), related_name="windows", blank=True, limit_choices_to={"kind": Post.Kind.PUBLIC})
    is_active = models.BooleanField(_("open"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = WindowQuerySet.as_manager()

    class Meta:
        verbose_name = _("service window")
        verbose_name_plural = _("service windows")
        ordering = ["organisation__code", "code"]

    def __str__(self):
        return self.name


class PlaqueRecord(models.Model):
    """The plaque a window holds for a year, and why: the register's history, one row per window and year."""

    class Level(models.TextChoices):
        STRIVING = "striving", _("Striving for pioneer post")
        PIONEER = "pioneer", _("Communist Party Member Pioneer Post")
        NONE = "none", _("No plaque")

    class Source(models.TextChoices):
        APPLICATION = "application", _("Application approved")
        EVALUATION = "evaluation", _("Year-end evaluation")

    window = models.ForeignKey(Window, verbose_name=_("service window"), on_delete=models.PROTECT, related_name="plaques")
    year = models.PositiveSmallIntegerField(_("year"))
    level = models.CharField(_("plaque"), max_length=16, choices=Level.choices)
    source = models.CharField(_("decided by"), max_length=16, choices=Source.choices)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("decided"))
    # A random key printed as a QR code on the plaque, so anyone can verify it on /plaques/.
    verification_code = models.CharField(max_length=32, unique=True, default=secrets.token_urlsafe, editable=False)

    class Meta:
        verbose_name = _("plaque record")
        verbose_name_plural = _("plaque records")
        ordering = ["-year", "window__code"]
        constraints = [
            models.UniqueConstraint(fields=["window", "year"], name="plaque_one_per_window_year"),
            models.CheckConstraint(condition=Q(level__in=["striving", "pioneer", "none"]), name="plaque_level_valid"),
        ]

    def __str__(self):
        return f"{self.window} {self.year} {self.get_level_display()}"


def new_tracking_code() -> str:
    # 12 characters from an unambiguous alphabet: unguessable, and easy to read out on the phone.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(12))


class Feedback(models.Model):
    """Praise, a suggestion or a complaint about a window, followed to a conclusion."""

    class Kind(models.TextChoices):
        PRAISE = "praise", _("Praise")
        SUGGESTION = "suggestion", _("Suggestion")
        COMPLAINT = "complaint", _("Complaint")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        HANDLING = "handling", _("Being handled")
        CONCLUDED = "concluded", _("Concluded")
        ESCALATED = "escalated", _("With the committee")
        CLOSED = "closed", _("Closed")

    window = models.ForeignKey(Window, verbose_name=_("service window"), on_delete=models.PROTECT, related_name="feedback")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED)
    tracking_code = models.CharField(_("tracking code"), max_length=16, unique=True, default=new_tracking_code, editable=False)
    text = models.TextField(_("what happened"), max_length=2000)
    # Set when the complaint is concluded: upheld complaints count against the window in the evaluation.
    upheld = models.BooleanField(_("complaint upheld"), null=True, blank=True)
    serious = models.BooleanField(_("serious"), default=False)
    created_at = models.DateTimeField(_("received"), db_index=True)
    due_at = models.DateTimeField(_("answer due"))
    concluded_at = models.DateTimeField(_("concluded"), null=True, blank=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=["praise", "suggestion", "complaint"]), name="feedback_kind_valid"),
            models.CheckConstraint(
                condition=Q(status__in=["received", "handling", "concluded", "escalated", "closed"]), name="feedback_status_valid"
            ),
            models.CheckConstraint(condition=Q(upheld__isnull=True) | Q(kind="complaint"), name="feedback_only_complaints_upheld"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.tracking_code}"
