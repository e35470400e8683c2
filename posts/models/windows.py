"""Service windows, the public's feedback, handbook editions and plaques (step 4)."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members import access
from members.models import Member, Organisation
from pioneer import words
from posts.models.catalogue import Post

__all__ = [
    "Window", "PlaqueRecord", "Feedback", "FeedbackEvent", "HandbookEdition", "PlaqueApplication", "MemberPhoto",
    "FEEDBACK_MAX_LENGTH",
]

FEEDBACK_MAX_LENGTH = 2000


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

    def visible_to(self, user):
        """What staff may look at: the windows they manage, and a branch secretary's own unit's windows."""
        acc = access.for_user(user)
        if acc.is_admin:
            return self
        q = acc.managed_organisation_q(prefix="organisation__") if acc.manages_any else Q()
        if acc.branch_ids:
            q |= Q(organisation__in=Organisation.objects.filter(children__in=acc.branch_ids).values("pk"))
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

    def get_absolute_url(self):
        return reverse("posts:window_public", args=[self.code])

    def clean(self):
        if self.organisation_id and self.organisation.kind != Organisation.Kind.UNIT:
            raise ValidationError({"organisation": _("A service window belongs to a unit party organisation.")})


class PlaqueRecordQuerySet(models.QuerySet):
    def in_force(self, year=None):
        """The records of a year (this year by default) that give a plaque."""
        year = year or timezone.localdate().year
        return self.filter(year=year).exclude(level=PlaqueRecord.Level.NONE)


def new_verification_code() -> str:
    # 22 URL-safe characters (128 bits): fits the column, and nobody can guess a plaque into the register.
    return secrets.token_urlsafe(16)


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
    # Against the window's previous record; filled in by services.plaques.record_plaque.
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
        return f"{self.window} {self.year} {self.get_level_display()}"

    def get_absolute_url(self):
        return reverse("posts:plaque_verify", args=[self.verification_code])

    @property
    def gives_plaque(self) -> bool:
        return self.level != self.Level.NONE

    @property
    def is_current(self) -> bool:
        return self.year == timezone.localdate().year


def normalise_tracking_code(typed: str) -> str:
    """What a person typed or read out, as stored: upper case, without spaces, dashes or dots."""
    return "".join(ch for ch in typed.upper() if ch.isascii() and ch.isalnum())


def new_tracking_code() -> str:
    # 12 characters from an unambiguous alphabet: unguessable, and easy to read out on the phone.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(12))


class FeedbackQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(window__in=Window.objects.visible_to(user).values("pk"))

    def open(self):
        return self.filter(status__in=Feedback.OPEN)

    def overdue(self, now=None):
        return self.open().filter(due_at__lt=now or timezone.now())

    def complaints(self):
        return self.filter(kind=Feedback.Kind.COMPLAINT)


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

    # Someone still owes the citizen an answer in these states.
    OPEN = [Status.RECEIVED, Status.HANDLING, Status.ESCALATED]
    DONE = [Status.CONCLUDED, Status.ESCALATED, Status.CLOSED]

    window = models.ForeignKey(Window, verbose_name=_("service window"), on_delete=models.PROTECT, related_name="feedback")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED)
    tracking_code = models.CharField(_("tracking code"), max_length=16, unique=True, default=new_tracking_code, editable=False)
    text = models.TextField(_("what happened"), max_length=FEEDBACK_MAX_LENGTH)
    member = models.ForeignKey(
        Member, verbose_name=_("member on duty concerned"), null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback",
    )
    contact_name = models.CharField(_("your name"), max_length=50, blank=True)
    contact_phone = models.CharField(_("your phone"), max_length=30, blank=True)
    # Set when the complaint is concluded: upheld complaints count against the window in the evaluation.
    upheld = models.BooleanField(_("complaint upheld"), null=True, blank=True)
    serious = models.BooleanField(_("serious"), default=False)
    created_at = models.DateTimeField(_("received"), db_index=True)
    due_at = models.DateTimeField(_("answer due"))
    concluded_at = models.DateTimeField(_("concluded"), null=True, blank=True)
    # The citizen's word on the conclusion, and the one reopening it allows.
    satisfied = models.BooleanField(_("satisfied with the answer"), null=True, blank=True)
    rated_at = models.DateTimeField(_("rated"), null=True, blank=True)
    reopened_at = models.DateTimeField(_("reopened"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # One-time token of the form that sent it: a second click on "send" finds this row instead of adding one.
    submission_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "due_at"], name="feedback_status_due_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=["praise", "suggestion", "complaint"]), name="feedback_kind_valid"),
            models.CheckConstraint(
                condition=Q(status__in=["received", "handling", "concluded", "escalated", "closed"]), name="feedback_status_valid"
            ),
            models.CheckConstraint(condition=Q(upheld__isnull=True) | Q(kind="complaint"), name="feedback_only_complaints_upheld"),
            models.CheckConstraint(
                condition=~Q(text="") & LessThanOrEqual(Length("text"), FEEDBACK_MAX_LENGTH), name="feedback_text_length",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["received", "handling"]) | Q(concluded_at__isnull=False),
                name="feedback_concluded_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(kind="complaint", status__in=["concluded", "escalated", "closed"]) | Q(upheld__isnull=False),
                name="feedback_concluded_complaint_judged",
                violation_error_message=_("A concluded complaint must say whether it was upheld."),
            ),
            models.CheckConstraint(
                condition=Q(satisfied__isnull=True) | Q(status__in=["concluded", "escalated", "closed"]),
                name="feedback_rated_after_conclusion",
            ),
            models.CheckConstraint(
                condition=Q(reopened_at__isnull=True) | Q(satisfied=False), name="feedback_reopened_only_if_dissatisfied",
            ),
            models.CheckConstraint(condition=~Q(status="closed") | Q(closed_at__isnull=False), name="feedback_closed_has_date"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.reference}"

    def get_absolute_url(self):
        return reverse("posts:feedback_track", args=[self.tracking_code])

    @property
    def reference(self) -> str:
        """What staff see: the tracking code's first four characters.

        The full code is the citizen's key to rate the answer and ask the committee to review it, so the unit
        that is complained about never sees it (else it could mark its own complaints "satisfied")."""
        return f"{self.tracking_code[:4]}…"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    def is_overdue(self, now=None) -> bool:
        return self.is_open and self.due_at < (now or timezone.now())

    @property
    def can_be_rated(self) -> bool:
        return self.status == self.Status.CONCLUDED and self.satisfied is None

    @property
    def can_be_reopened(self) -> bool:
        return self.status == self.Status.CONCLUDED and self.satisfied is False and self.reopened_at is None


class FeedbackEvent(models.Model):
    """One step of a feedback's path, with the written reply the citizen reads at /feedback/<code>/."""

    class By(models.TextChoices):
        CITIZEN = "citizen", _("The person who wrote")
        UNIT = "unit", _("The unit")
        COMMITTEE = "committee", _("The working committee")

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="events")
    by = models.CharField(_("from"), max_length=16, choices=By.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    from_status = models.CharField(_("from status"), max_length=16, choices=Feedback.Status.choices, blank=True)
    to_status = models.CharField(_("to status"), max_length=16, choices=Feedback.Status.choices)
    text = models.TextField(_("reply"), max_length=FEEDBACK_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("feedback step")
        verbose_name_plural = _("feedback steps")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(by__in=["citizen", "unit", "committee"]), name="feedback_event_by_valid"),
        ]

    def __str__(self):
        return f"{self.feedback} → {self.to_status}"


class HandbookEditionQuerySet(models.QuerySet):
    def latest_first(self):
        return self.order_by("-version")


class HandbookEdition(models.Model):
    """A published edition of the public service handbook: a frozen snapshot, never edited."""

    version = models.PositiveIntegerField(_("edition"), unique=True, validators=[MinValueValidator(1)])
    title = models.CharField(_("title"), max_length=200)
    note = models.CharField(_("note"), max_length=300, blank=True)
    # The compiled handbook (see services.windows.compile_handbook): units → windows → posts, as they stood.
    content = models.JSONField(_("content"))
    window_count = models.PositiveIntegerField(_("windows"), default=0)
    published_at = models.DateTimeField(_("published"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = HandbookEditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("handbook edition")
        verbose_name_plural = _("handbook editions")
        ordering = ["-version"]
        constraints = [models.CheckConstraint(condition=Q(version__gte=1), name="handbook_version_positive")]

    def __str__(self):
        return f"{self.title} ({self.version})"

    def save(self, *args, **kwargs):
        # A published edition is what the public was promised on that date: it never changes.
        if not self._state.adding:
            raise ValidationError(_("A published handbook edition cannot be changed; publish a new edition."))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("posts:handbook_edition", args=[self.version])


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
        return f"{self.window} {self.year}"


def photo_path(instance, filename):
    return f"markers/{instance.member_id}-{secrets.token_hex(6)}.{filename.rsplit('.', 1)[-1].lower()}"


class MemberPhoto(models.Model):
    """The photo on a member's post marker (optional)."""

    member = models.OneToOneField(Member, verbose_name=_("party member"), on_delete=models.CASCADE, related_name="marker_photo")
    image = models.ImageField(_("photo"), upload_to=photo_path)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("marker photo")
        verbose_name_plural = _("marker photos")

    def __str__(self):
        return str(self.member)
