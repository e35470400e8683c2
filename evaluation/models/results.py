"""Results: one per member on a post and per window, with the organisation's criterion scores and the peer ratings."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from evaluation.models.years import PERCENT, SCORE, Criterion, EvaluationYear, Grade
from members import access
from members.models import Member
from pioneer.words import Message
from posts.models import Window


class ResultQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Committee staff see all; secretaries their organisations' members and windows; a member their own."""
        # A member's result hangs from the branch, a window's from the unit: one scope per kind, OR-ed in one query.
        # A district's staff (and a city's, over its districts) filter on the result's own committee column.
        acc = access.for_user(user)
        member = acc.member
        if acc.whole_district_ids:
            q = Q(committee__in=acc.whole_district_ids)
            return self.filter(q | Q(member=member) if member is not None else q)
        own = Q(member=member) if member is not None else None
        members = access.scope(self.filter(kind=Result.Kind.MEMBER), user, "member__branch__", also=own)
        windows = access.scope(self.filter(kind=Result.Kind.WINDOW), user, "window__organisation__")
        return members | windows

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
    # The district the subject is in (the member's committee, the window's unit's), kept so that a district's
    # staff filter results on one indexed column: see `ResultQuerySet.visible_to` and `follow_place`.
    committee = models.ForeignKey("members.Organisation", null=True, blank=True, editable=False, on_delete=models.SET_NULL,
                                  related_name="+", db_index=False)
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
        indexes = [models.Index(fields=["year", "committee"], name="result_year_committee_idx")]
        # The results list's ranking (year, highest final score first, unscored last) has an index on PostgreSQL,
        # result_year_rank_idx, made in migration 0004: SQLite cannot index NULLS LAST.
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
        return self.described().render()

    def save(self, *args, **kwargs):
        if self.committee_id is None and self._state.adding:
            self.committee_id = committee_of(self.member_id, self.window_id)
        super().save(*args, **kwargs)


    def get_absolute_url(self) -> str:
        return reverse("evaluation:result_detail", args=[self.year.year, self.pk])

    def described(self):
        subject = self.member if self.kind == self.Kind.MEMBER else self.window
        return Message("%(year)s · %(subject)s", year=self.year.year, subject=str(subject))

    @staticmethod
    def absolute_urls(year: EvaluationYear, pks) -> list[str]:
        """`get_absolute_url` of many results of one year, reversed once: a city's year-end links thousands."""
        marker = "987654321"
        head, tail = reverse("evaluation:result_detail", args=[year.year, marker]).split(marker)
        return [f"{head}{pk}{tail}" for pk in pks]

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


def committee_of(member_id, window_id):
    """The district of a result's subject: one query (bulk creators look it up in bulk instead)."""
    if member_id is not None:
        return Member.objects.filter(pk=member_id).values_list("committee_id", flat=True).first()
    return Window.objects.filter(pk=window_id).values_list("organisation__committee_id", flat=True).first()


def follow_place(*, organisation=None, member=None):
    """Keep results' committee with their subject when a unit or branch moves district, or a member does."""
    if member is not None:
        Result.objects.filter(member=member).update(committee=member.committee_id)
    elif organisation.kind == organisation.Kind.UNIT:
        Result.objects.filter(Q(member__unit=organisation.pk) | Q(window__organisation=organisation.pk)).update(
            committee=organisation.committee_id)
    else:
        Result.objects.filter(member__branch=organisation.pk).update(committee=organisation.committee_id)
