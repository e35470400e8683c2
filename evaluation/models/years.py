"""The year and its rules: phases, the five sources, grades, the criteria."""

import datetime
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from pioneer.words import Message

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
        return self.described().render()

    def described(self):
        return Message("Evaluation %(year)s", year=self.year)

    @property
    def weights(self) -> dict[str, int]:
        return {
            Source.SELF: self.weight_self, Source.PEER: self.weight_peer, Source.PUBLIC: self.weight_public,
            Source.ORGANISATION: self.weight_organisation, Source.COMMITTEE: self.weight_committee,
        }

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
