"""The year's evaluation (考核评岗): criteria, quarterly activity, the five sources, results and the public vote.

A ballot never points at a token, a user or a time: eligibility (VoteToken) and
ballots (Ballot) live apart, joined only by the window they are about.
"""

import datetime
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members import access
from members.models import Member
from posts.models import Window

SCORE = {"max_digits": 5, "decimal_places": 2}
PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class Phase(models.TextChoices):
    SETUP = "setup", _("Set-up")
    QUARTERLY = "quarterly", _("Quarterly activity")
    ASSESSMENT = "assessment", _("Year-end assessment")
    REVIEW = "review", _("Committee review")
    PUBLISHED = "published", _("Results published")
    CLOSED = "closed", _("Closed")


PHASE_ORDER = [p.value for p in Phase]


class Source(models.TextChoices):
    SELF = "self", _("Self-assessment")
    PEER = "peer", _("Peer review")
    PUBLIC = "public", _("Public vote")
    ORGANISATION = "organisation", _("Organisation rating")
    COMMITTEE = "committee", _("Committee review")


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Good")
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")


class EvaluationYearQuerySet(models.QuerySet):
    def current(self):
        return self.exclude(phase=Phase.CLOSED).order_by("-year").first()


class EvaluationYear(models.Model):
    """One year's evaluation and its rules: weights, thresholds, deductions, veto, minimum counts."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    phase = models.CharField(_("phase"), max_length=16, choices=Phase.choices, default=Phase.SETUP)
    # Weights of the five sources, in percent; they sum to 100.
    weight_self = models.PositiveSmallIntegerField(_("weight of self-assessment (%)"), default=10, validators=[MaxValueValidator(100)])
    weight_peer = models.PositiveSmallIntegerField(_("weight of peer review (%)"), default=20, validators=[MaxValueValidator(100)])
    weight_public = models.PositiveSmallIntegerField(_("weight of the public vote (%)"), default=30, validators=[MaxValueValidator(100)])
    weight_organisation = models.PositiveSmallIntegerField(_("weight of the organisation rating (%)"), default=30, validators=[MaxValueValidator(100)])
    weight_committee = models.PositiveSmallIntegerField(_("weight of the committee review (%)"), default=10, validators=[MaxValueValidator(100)])
    excellent_min = models.DecimalField(_("excellent from"), default=Decimal(90), validators=PERCENT, **SCORE)
    good_min = models.DecimalField(_("good from"), default=Decimal(80), validators=PERCENT, **SCORE)
    pass_min = models.DecimalField(_("pass from"), default=Decimal(60), validators=PERCENT, **SCORE)
    deduction_per_complaint = models.DecimalField(
        _("deduction per upheld complaint"), default=Decimal(2), validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(20))], **SCORE
    )
    veto_on_serious_complaint = models.BooleanField(_("an upheld serious complaint means Fail"), default=True)
    pioneer_min = models.DecimalField(
        _("pioneer post plaque from"), default=Decimal(90), validators=PERCENT, **SCORE,
        help_text=_("A window scoring at least this (and not vetoed) hangs the pioneer post plaque next year."),
    )
    striving_min = models.DecimalField(
        _("striving plaque from"), default=Decimal(70), validators=PERCENT, **SCORE,
        help_text=_("A window scoring at least this keeps or receives the striving plaque; below it the plaque is withdrawn."),
    )
    min_votes = models.PositiveSmallIntegerField(_("minimum public votes"), default=10, validators=[MinValueValidator(1)])
    min_peer_ratings = models.PositiveSmallIntegerField(_("minimum peer ratings"), default=3, validators=[MinValueValidator(1)])
    rules_version = models.PositiveIntegerField(_("rule version"), default=1)
    plaques_decided_at = models.DateTimeField(_("plaques decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = EvaluationYearQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluation year")
        verbose_name_plural = _("evaluation years")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(condition=Q(phase__in=PHASE_ORDER), name="evaluation_year_phase_valid"),
            models.CheckConstraint(
                condition=Q(
                    weight_self=100 - F("weight_peer") - F("weight_public") - F("weight_organisation") - F("weight_committee")
                ),
                name="evaluation_year_weights_sum_100",
                violation_error_message=_("The five weights must add up to 100%."),
            ),
            models.CheckConstraint(
                condition=Q(excellent_min__gte=F("good_min")) & Q(good_min__gte=F("pass_min")),
                name="evaluation_year_grades_ordered",
                violation_error_message=_("Grade thresholds must go down from excellent to pass."),
            ),
            models.CheckConstraint(
                condition=Q(pioneer_min__gte=F("striving_min")),
                name="evaluation_year_plaques_ordered",
                violation_error_message=_("The pioneer post threshold cannot be below the striving threshold."),
            ),
        ]

    def __str__(self):
        return _("Evaluation %(year)s") % {"year": self.year}

    @property
    def weights(self) -> dict[str, int]:
        return {
            Source.SELF: self.weight_self, Source.PEER: self.weight_peer, Source.PUBLIC: self.weight_public,
            Source.ORGANISATION: self.weight_organisation, Source.COMMITTEE: self.weight_committee,
        }

    def phase_is(self, *phases) -> bool:
        return self.phase in phases

    def phase_at_least(self, phase) -> bool:
        return PHASE_ORDER.index(self.phase) >= PHASE_ORDER.index(phase)

    @property
    def criteria_frozen(self) -> bool:
        return self.phase_at_least(Phase.ASSESSMENT)

    @property
    def vote_closed(self) -> bool:
        return self.phase_at_least(Phase.REVIEW)

    def quarter_deadline(self, quarter: int) -> datetime.date:
        """Reports are due 15 days after the quarter ends."""
        end_month = quarter * 3
        first_of_next = datetime.date(self.year + (end_month == 12), end_month % 12 + 1, 1)
        return first_of_next + datetime.timedelta(days=14)


class Criterion(models.Model):
    """One of the year's 30 criteria (考核标准), in one of five categories, with its maximum points."""

    class Category(models.TextChoices):
        SYSTEMS = "systems", _("Organisation and systems building")
        ENVIRONMENT = "environment", _("Work environment")
        WORK = "work", _("Work situation")
        CREATION = "creation", _("Creation situation")
        SUPERVISION = "supervision", _("Supervision and management mechanism")

    year = models.ForeignKey(EvaluationYear, verbose_name=_("evaluation year"), on_delete=models.CASCADE, related_name="criteria")
    number = models.PositiveSmallIntegerField(_("number"))
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    text = models.CharField(_("criterion"), max_length=300)
    max_points = models.PositiveSmallIntegerField(_("maximum points"), validators=[MinValueValidator(1), MaxValueValidator(20)])

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="criterion_unique_number"),
            models.CheckConstraint(condition=Q(max_points__gte=1) & Q(max_points__lte=20), name="criterion_max_points_range"),
            models.CheckConstraint(
                condition=Q(category__in=["systems", "environment", "work", "creation", "supervision"]), name="criterion_category_valid"
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.text}"


class QuarterReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        acc = access.for_user(user)
        if acc.is_admin:
            return self
        q = acc.managed_organisation_q(prefix="window__organisation__")
        return self.filter(q) if q else self.none()


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
        return _("%(window)s, Q%(quarter)s %(year)s") % {"window": self.window, "quarter": self.quarter, "year": self.year.year}

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
        return f"{self.date} {self.get_kind_display()}"


EVIDENCE_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "docx", "xlsx"]
EVIDENCE_MAX_BYTES = 5 * 1024 * 1024


def private_storage():
    from django.core.files.storage import storages

    return storages["private"]


class Evidence(models.Model):
    """A file that shows an activity happened: photos, minutes, sign-in sheets."""

    activity = models.ForeignKey(Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(
        _("file"), upload_to="evaluation/evidence/%Y/", storage=private_storage, validators=[FileExtensionValidator(EVIDENCE_EXTENSIONS)]
    )
    size = models.PositiveIntegerField(_("size in bytes"))

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        constraints = [models.CheckConstraint(condition=Q(size__lte=EVIDENCE_MAX_BYTES), name="evidence_size_limit")]

    def __str__(self):
        return self.file.name.rsplit("/", 1)[-1]


class ResultQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Committee staff see all; secretaries their organisations' members and windows; a member their own."""
        acc = access.for_user(user)
        if acc.is_admin:
            return self
        q = Q()
        if acc.manages_any:
            q |= Q(kind=Result.Kind.MEMBER) & acc.managed_organisation_q(prefix="member__branch__")
            q |= Q(kind=Result.Kind.WINDOW) & acc.managed_organisation_q(prefix="window__organisation__")
        if acc.member is not None:
            q |= Q(member=acc.member)
        return self.filter(q) if q else self.none()

    def windows(self):
        return self.filter(kind=Result.Kind.WINDOW)

    def members(self):
        return self.filter(kind=Result.Kind.MEMBER)


class Result(models.Model):
    """The year-end assessment of one member on a post or one window: inputs, review and the published snapshot."""

    class Kind(models.TextChoices):
        MEMBER = "member", _("Member on a post")
        WINDOW = "window", _("Service window")

    class Status(models.TextChoices):
        OPEN = "open", _("Being assessed")
        APPROVED = "approved", _("Approved by the committee")
        PUBLISHED = "published", _("Published")

    year = models.ForeignKey(EvaluationYear, verbose_name=_("evaluation year"), on_delete=models.PROTECT, related_name="results")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    member = models.ForeignKey(Member, verbose_name=_("party member"), null=True, blank=True, on_delete=models.PROTECT, related_name="evaluation_results")
    window = models.ForeignKey(Window, verbose_name=_("service window"), null=True, blank=True, on_delete=models.PROTECT, related_name="evaluation_results")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    # 1. 述岗自评 (members only)
    self_report = models.TextField(_("self-report"), blank=True, max_length=5000)
    self_score = models.DecimalField(_("self-assessment score"), null=True, blank=True, validators=PERCENT, **SCORE)
    # 4. 党组织综合评定: a member's rating here; a window's is the sum of its CriterionScores.
    organisation_score = models.DecimalField(_("organisation rating"), null=True, blank=True, validators=PERCENT, **SCORE)
    organisation_note = models.TextField(_("organisation's note"), blank=True, max_length=2000)
    # 5. 党工委审核
    committee_score = models.DecimalField(_("committee review score"), null=True, blank=True, validators=PERCENT, **SCORE)
    adjustment = models.DecimalField(_("committee adjustment"), default=Decimal(0), **SCORE)
    adjustment_reason = models.TextField(_("reason for the adjustment"), blank=True, max_length=2000)
    # Written when the committee approves, frozen when results are published.
    final_score = models.DecimalField(_("final score"), null=True, blank=True, **SCORE)
    grade = models.CharField(_("grade"), max_length=16, choices=Grade.choices, blank=True)
    snapshot = models.JSONField(_("published snapshot"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    objects = ResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("evaluation result")
        verbose_name_plural = _("evaluation results")
        ordering = ["year", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="member", member__isnull=False) | Q(kind="window", member__isnull=True, window__isnull=False),
                name="result_kind_matches_subject",
            ),
            models.UniqueConstraint(fields=["year", "member"], condition=Q(kind="member"), name="result_one_per_member_year"),
            models.UniqueConstraint(fields=["year", "window"], condition=Q(kind="window"), name="result_one_per_window_year"),
            models.CheckConstraint(condition=Q(status__in=["open", "approved", "published"]), name="result_status_valid"),
            models.CheckConstraint(
                condition=(Q(self_score__isnull=True) | Q(self_score__gte=0, self_score__lte=100))
                & (Q(organisation_score__isnull=True) | Q(organisation_score__gte=0, organisation_score__lte=100))
                & (Q(committee_score__isnull=True) | Q(committee_score__gte=0, committee_score__lte=100)),
                name="result_scores_within_0_100",
                violation_error_message=_("Scores run from 0 to 100."),
            ),
            models.CheckConstraint(condition=Q(adjustment__gte=-20, adjustment__lte=20), name="result_adjustment_range"),
            models.CheckConstraint(condition=Q(adjustment=0) | ~Q(adjustment_reason=""), name="result_adjustment_has_reason"),
            models.CheckConstraint(condition=~Q(status="published") | Q(snapshot__isnull=False), name="result_published_has_snapshot"),
        ]

    def __str__(self):
        subject = self.member if self.kind == self.Kind.MEMBER else self.window
        return f"{self.year.year} · {subject}"

    @property
    def subject_name(self) -> str:
        return self.member.name if self.kind == self.Kind.MEMBER else self.window.name

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class CriterionScore(models.Model):
    """The organisation's score of a window on one criterion, with a note; the maximum is copied onto the row."""

    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="criterion_scores")
    criterion = models.ForeignKey(Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="+")
    max_points = models.PositiveSmallIntegerField(_("maximum points"))
    score = models.DecimalField(_("score"), **SCORE)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("criterion score")
        verbose_name_plural = _("criterion scores")
        ordering = ["criterion__number"]
        constraints = [
            models.UniqueConstraint(fields=["result", "criterion"], name="criterion_score_unique"),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=F("max_points")),
                name="criterion_score_within_max",
                violation_error_message=_("A score runs from 0 to the criterion's maximum."),
            ),
        ]


class PeerRating(models.Model):
    """One member's rating of a colleague on a post (互评): one per rater, person and year; shown only in aggregate."""

    class Level(models.TextChoices):
        EXCELLENT = "excellent", _("Excellent")
        COMPETENT = "competent", _("Competent")
        BASIC = "basic", _("Basically competent")
        INCOMPETENT = "incompetent", _("Not competent")

    POINTS = {"excellent": 100, "competent": 85, "basic": 70, "incompetent": 40}

    year = models.ForeignKey(EvaluationYear, on_delete=models.PROTECT, related_name="peer_ratings")
    rater = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    rated = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="peer_ratings_received")
    level = models.CharField(_("rating"), max_length=16, choices=Level.choices)

    class Meta:
        verbose_name = _("peer rating")
        verbose_name_plural = _("peer ratings")
        constraints = [
            models.UniqueConstraint(fields=["year", "rater", "rated"], name="peer_rating_one_per_rater",
                                    violation_error_message=_("You have already rated this colleague.")),
            models.CheckConstraint(condition=~Q(rater=F("rated")), name="peer_rating_not_self",
                                   violation_error_message=_("Nobody rates themselves in peer review.")),
            models.CheckConstraint(condition=Q(level__in=["excellent", "competent", "basic", "incompetent"]), name="peer_rating_level_valid"),
        ]


class TokenBatch(models.Model):
    """A batch of single-use vote cards printed for one window."""

    year = models.ForeignKey(EvaluationYear, verbose_name=_("evaluation year"), on_delete=models.PROTECT, related_name="token_batches")
    window = models.ForeignKey(Window, verbose_name=_("service window"), on_delete=models.PROTECT, related_name="token_batches")
    size = models.PositiveSmallIntegerField(_("number of cards"), validators=[MinValueValidator(1), MaxValueValidator(500)])
    expires_at = models.DateTimeField(_("valid until"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # One key per rendered form: a resubmitted form (a browser refresh of the printed cards) finds its batch instead of making another.
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("vote card batch")
        verbose_name_plural = _("vote card batches")
        ordering = ["-created_at", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(size__gte=1, size__lte=500), name="token_batch_size_range")]

    def __str__(self):
        return _("%(n)s cards for %(window)s") % {"n": self.size, "window": self.window}


class VoteToken(models.Model):
    """Eligibility to vote once: only the SHA-256 of the card's code is stored."""

    batch = models.ForeignKey(TokenBatch, on_delete=models.CASCADE, related_name="tokens")
    token_hash = models.CharField(max_length=64, unique=True)
    used = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("vote token")
        verbose_name_plural = _("vote tokens")


def new_ballot_key():
    return uuid.uuid4()


class Ballot(models.Model):
    """An anonymous ballot (群众无记名投票): a random key, the window and the rating, nothing else."""

    class Rating(models.TextChoices):
        VERY_SATISFIED = "very_satisfied", _("Very satisfied")
        SATISFIED = "satisfied", _("Satisfied")
        BASIC = "basic", _("Basically satisfied")
        UNSATISFIED = "unsatisfied", _("Not satisfied")

    POINTS = {"very_satisfied": 100, "satisfied": 85, "basic": 60, "unsatisfied": 0}

    id = models.UUIDField(primary_key=True, default=new_ballot_key, editable=False)
    year = models.ForeignKey(EvaluationYear, on_delete=models.PROTECT, related_name="ballots")
    window = models.ForeignKey(Window, on_delete=models.PROTECT, related_name="ballots")
    rating = models.CharField(_("rating"), max_length=16, choices=Rating.choices)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.CheckConstraint(condition=Q(rating__in=["very_satisfied", "satisfied", "basic", "unsatisfied"]), name="ballot_rating_valid")
        ]
