"""The public vote: printed card batches, single-use tokens and anonymous ballots.

A ballot never points at a token, a user or a time: eligibility (VoteToken) and
ballots (Ballot) live apart, joined only by the window they are about.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from evaluation.models.years import EvaluationYear
from pioneer.words import Message
from posts.models import Window


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
        return self.described().render()

    def described(self):
        return Message("%(n)s cards for %(window)s", n=self.size, window=self.window.name)


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
