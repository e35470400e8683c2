"""Nomination rounds, self-nominations, publication and objections (steps 1–3)."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members import access
from members.models import Member, Organisation
from pioneer import words
from posts.models.catalogue import Assignment, Post
from posts.models.windows import new_tracking_code

__all__ = ["Round", "Nomination", "Publication", "Objection"]


def scope_q(organisation, prefix: str = "") -> Q:
    """Members who belong to an organisation: a branch's own, or every branch of a unit."""
    if organisation.kind == Organisation.Kind.UNIT:
        return Q(**{f"{prefix}branch__parent_id": organisation.pk})
    return Q(**{f"{prefix}branch_id": organisation.pk})


def in_organisation_scope(queryset, user, prefix: str):
    """Filter objects whose organisation (reached through `prefix`) the user manages, or is a member's branch or unit."""
    acc = access.for_user(user)
    if acc.is_admin:
        return queryset
    q = acc.managed_organisation_q(prefix=f"{prefix}__") if acc.manages_any else Q()
    if acc.member is not None:
        q |= Q(**{f"{prefix}_id__in": [acc.member.branch_id, acc.member_unit_id]})
    return queryset.filter(q) if q else queryset.none()


class RoundQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Managers see the rounds they manage; members see the rounds of their branch and unit."""
        return in_organisation_scope(self, user, "organisation")

    def open_on(self, day: datetime.date):
        return self.filter(status=Round.Status.OPEN, opens_on__lte=day, closes_on__gte=day)


class Round(models.Model):
    """A nomination round (认岗): an organisation's plan for the year, open for self-nomination between two dates."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open for nomination")
        CLOSED = "closed", _("Closed")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="rounds",
        limit_choices_to={"kind__in": [Organisation.Kind.UNIT, Organisation.Kind.BRANCH]},
    )
    year = models.PositiveSmallIntegerField(_("year"))
    idea = models.TextField(_("overall idea"), max_length=3000, help_text=_("The plan's overall idea, as announced at the all-member meeting."))
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("nomination round")
        verbose_name_plural = _("nomination rounds")
        ordering = ["-year", "organisation__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"], name="round_one_per_organisation_year",
                violation_error_message=_("This organisation already has a round for that year."),
            ),
            models.CheckConstraint(
                condition=Q(opens_on__lte=models.F("closes_on")), name="round_dates_ordered",
                violation_error_message=_("The round cannot close before it opens."),
            ),
            models.CheckConstraint(condition=Q(status__in=["open", "closed"]), name="round_status_valid"),
        ]

    def __str__(self):
        return _("%(organisation)s %(year)s nomination round") % {"organisation": self.organisation, "year": self.year}

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
        acc = access.for_user(user)
        if acc.is_admin:
            return self
        q = acc.managed_organisation_q(prefix="round__organisation__") if acc.manages_any else Q()
        if acc.member is not None:
            q |= Q(member=acc.member)
        return self.filter(q) if q else self.none()


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
        return f"{self.member} → {self.post}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.SUBMITTED


class PublicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Managers see what they manage; members see their branch's and unit's publications."""
        return in_organisation_scope(self, user, "round__organisation")

    def in_notice(self):
        return self.filter(status=Publication.Status.NOTICE)

    def public(self):
        """What the public may see: publications with at least one public-facing post on them."""
        return self.filter(assignments__post__kind=Post.Kind.PUBLIC).distinct()

    def due(self, day: datetime.date):
        return self.in_notice().filter(ends_on__lt=day)


def new_publication_code() -> str:
    return new_tracking_code()[:8]


class Publication(models.Model):
    """Publication (公示明岗) of a round's assignments: open for objections for a notice period, then confirmed."""

    class Status(models.TextChoices):
        NOTICE = "notice", _("In public notice")
        CONFIRMED = "confirmed", _("Confirmed")

    round = models.ForeignKey(Round, verbose_name=_("nomination round"), on_delete=models.PROTECT, related_name="publications")
    code = models.CharField(_("public code"), max_length=16, unique=True, default=new_publication_code, editable=False)
    # A title the app writes ("…先锋岗公示（第1批）") is a stored message (pioneer.words): it reads in the reader's language.
    title = words.MessageCharField(_("title"), max_length=200)
    title_key = words.key_field()
    title_params = words.params_field()
    assignments = models.ManyToManyField(Assignment, verbose_name=_("assignments"), related_name="publications")
    reason = models.TextField(_("reason for revision"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NOTICE)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(_("published"))
    ends_on = models.DateField(_("notice ends"), help_text=_("Last day of the notice period."))
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=["notice", "confirmed"]), name="publication_status_valid"),
        ]

    def __str__(self):
        return self.title

    @property
    def in_notice(self) -> bool:
        return self.status == self.Status.NOTICE

    def is_due_on(self, day: datetime.date) -> bool:
        return self.in_notice and self.ends_on < day


class ObjectionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Managers see the objections to what they manage; a member sees the ones they raised."""
        acc = access.for_user(user)
        if acc.is_admin:
            return self
        q = acc.managed_organisation_q(prefix="publication__round__organisation__") if acc.manages_any else Q()
        if acc.is_authenticated:
            q |= Q(raised_by=user)
        return self.filter(q) if q else self.none()

    def unanswered(self):
        return self.filter(status=Objection.Status.OPEN)


class Objection(models.Model):
    """An objection or comment (异议) on a publication, by a member or the public, answered by the secretary."""

    class Status(models.TextChoices):
        OPEN = "open", _("Awaiting answer")
        ANSWERED = "answered", _("Answered")

    publication = models.ForeignKey(Publication, verbose_name=_("publication"), on_delete=models.PROTECT, related_name="objections")
    assignment = models.ForeignKey(
        Assignment, verbose_name=_("about"), null=True, blank=True, on_delete=models.SET_NULL, related_name="objections",
    )
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    name = models.CharField(_("your name (optional)"), max_length=50, blank=True)
    contact = models.CharField(_("contact (optional)"), max_length=50, blank=True)
    text = models.TextField(_("objection or comment"), max_length=1000)
    tracking_code = models.CharField(_("tracking code"), max_length=16, unique=True, default=new_tracking_code, editable=False)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    answer = models.TextField(_("answer"), blank=True, max_length=2000)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    created_at = models.DateTimeField(_("raised"), default=timezone.now)

    objects = ObjectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=["open", "answered"]), name="objection_status_valid"),
            models.CheckConstraint(condition=~Q(text=""), name="objection_text_not_empty"),
        ]

    def __str__(self):
        return _("Objection %(code)s") % {"code": self.tracking_code}

    @property
    def is_public(self) -> bool:
        return self.raised_by_id is None
