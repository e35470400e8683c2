"""Nomination rounds and self-nominations (step 1)."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members import access
from members.models import Member, Organisation
from pioneer.words import Message
from posts.catalogue.models import Assignment, Post, own_member_q, own_organisations_q

__all__ = ["Round", "Nomination"]


def scope_q(organisation, prefix: str = "") -> Q:
    """Members who belong to an organisation: a branch's own, or every branch of a unit."""
    if organisation.kind == Organisation.Kind.UNIT:
        return Q(**{f"{prefix}branch__parent_id": organisation.pk})
    return Q(**{f"{prefix}branch_id": organisation.pk})


class RoundQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Managers see the rounds they manage; members see the rounds of their branch and unit."""
        return access.scope(self, user, "organisation__", also=own_organisations_q(user, "organisation"))

    def managed_by(self, user):
        """The rounds of the organisations the user manages (a member's own rounds are not among them)."""
        return access.scope(self, user, "organisation__")

    def open_on(self, day: datetime.date):
        return self.filter(status=Round.Status.OPEN, opens_on__lte=day, closes_on__gte=day)


class Round(models.Model):
    """A nomination round (认岗): an organisation's plan for the year, open for self-nomination between two dates."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open for nomination")
        CLOSED = "closed", _("Closed")

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Regular round")
        SUPPLEMENTARY = "supplementary", _("Supplementary round")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="rounds",
        limit_choices_to={"kind__in": [Organisation.Kind.UNIT, Organisation.Kind.BRANCH]},
    )
    year = models.PositiveSmallIntegerField(_("year"))
    idea = models.TextField(_("overall idea"), max_length=3000, help_text=_("The plan's overall idea, as announced at the all-member meeting."))
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    # A supplementary round (补充认岗) is for the members still without a post after the year's regular round.
    kind = models.CharField(_("kind of round"), max_length=16, choices=Kind.choices, default=Kind.REGULAR)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("nomination round")
        verbose_name_plural = _("nomination rounds")
        ordering = ["-year", "organisation__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"], condition=Q(kind="regular"), name="round_one_regular_per_organisation_year",
                violation_error_message=_("This organisation already has a round for that year."),
            ),
            models.CheckConstraint(
                condition=Q(opens_on__lte=models.F("closes_on")), name="round_dates_ordered",
                violation_error_message=_("The round cannot close before it opens."),
            ),
            models.CheckConstraint(condition=Q(status__in=["open", "closed"]), name="round_status_valid"),
            models.CheckConstraint(condition=Q(kind__in=["regular", "supplementary"]), name="round_kind_valid"),
        ]

    def __str__(self):
        return self.described().render()

    def get_absolute_url(self):
        return reverse("posts:round_detail", args=[self.pk])

    def described(self):
        if self.is_supplementary:
            return Message("%(organisation)s %(year)s supplementary round", organisation=self.organisation.name, year=self.year)
        return Message("%(organisation)s %(year)s nomination round", organisation=self.organisation.name, year=self.year)

    @property
    def is_supplementary(self) -> bool:
        return self.kind == self.Kind.SUPPLEMENTARY

    def is_open_on(self, day: datetime.date) -> bool:
        return self.status == self.Status.OPEN and self.opens_on <= day <= self.closes_on

    @property
    def is_open(self) -> bool:
        return self.is_open_on(timezone.localdate())

    def posts(self):
        return Post.objects.filter(organisation=self.organisation).active()

    def members(self):
        return Member.objects.in_service().filter(scope_q(self.organisation))

    def members_without_post(self):
        return self.members().exclude(assignments__status__in=Assignment.LIVE)

    def accepts(self, member) -> bool:
        """Can this member nominate in this round (the round belongs to their branch or unit)?"""
        return self.organisation_id in (member.branch_id, member.branch.parent_id)


class NominationQuerySet(models.QuerySet):
    def live(self):
        return self.filter(status__in=Nomination.LIVE)

    def pending(self):
        return self.filter(status=Nomination.Status.SUBMITTED)

    def visible_to(self, user):
        """Managers see the nominations in the rounds they manage; a member sees their own."""
        return access.scope(self, user, "round__organisation__", also=own_member_q(user))


class Nomination(models.Model):
    """A member's self-nomination (自我认岗) for one post in a round, and the organisation's decision on it."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Awaiting review")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        APPROVED = "approved", _("Approved")
        PLACED = "placed", _("Placed on another post")
        REJECTED = "rejected", _("Rejected")

    LIVE = [Status.SUBMITTED, Status.APPROVED, Status.PLACED]

    round = models.ForeignKey(Round, verbose_name=_("nomination round"), on_delete=models.PROTECT, related_name="nominations")
    member = models.ForeignKey(Member, verbose_name=_("party member"), on_delete=models.PROTECT, related_name="nominations")
    post = models.ForeignKey(Post, verbose_name=_("post chosen"), on_delete=models.PROTECT, related_name="nominations")
    statement = models.TextField(_("why I fit"), max_length=1000, help_text=_("Your specialties and experience that fit the post."))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    reason = models.TextField(_("organisation's reason"), blank=True)
    assignment = models.OneToOneField(Assignment, null=True, blank=True, on_delete=models.SET_NULL, related_name="nomination")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("submitted"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = NominationQuerySet.as_manager()

    class Meta:
        verbose_name = _("self-nomination")
        verbose_name_plural = _("self-nominations")
        ordering = ["round", "created_at", "pk"]
        constraints = [
            # One live nomination per member per round: withdrawn or rejected ones leave room for a new one.
            models.UniqueConstraint(
                fields=["round", "member"], condition=Q(status__in=["submitted", "approved", "placed"]),
                name="nomination_one_live_per_member_round",
                violation_error_message=_("You have already declared a post in this round."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["submitted", "withdrawn", "approved", "placed", "rejected"]), name="nomination_status_valid"
            ),
        ]

    def __str__(self):
        return self.described().render()

    def get_absolute_url(self):
        return reverse("posts:nomination_detail", args=[self.pk])

    def described(self):
        return Message("%(member)s → %(post)s", member=str(self.member), post=str(self.post))

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.SUBMITTED
