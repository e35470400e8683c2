"""Pioneer posts and who holds them."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from members import access
from members.models import Member, Organisation
from pioneer.words import Message

MAX_POSTS_PER_ORGANISATION = 10

# The service guide (办事指南) of a public-facing post, in the order the public reads it.
SERVICE_GUIDE_FIELDS = [
    "service_materials", "time_limit_days", "service_fees", "legal_basis", "service_place_hours",
    "consultation_phone", "supervision_phone",
]
# Without these a citizen cannot prepare a visit or complain about one: a public post is not offered without them.
REQUIRED_GUIDE_FIELDS = ["service_materials", "time_limit_days", "supervision_phone"]


def own_organisations_q(user, path: str) -> Q | None:
    """A member's branch and unit, reached through `path` (a foreign key to Organisation); None for non-members."""
    acc = access.for_user(user)
    if acc.member is None:
        return None
    return Q(**{f"{path}_id__in": [acc.member.branch_id, acc.member_unit_id]})


def own_member_q(user, path: str = "member") -> Q | None:
    acc = access.for_user(user)
    return Q(**{path: acc.member}) if acc.member is not None else None


class PostQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Members see their organisation's posts (branch and unit); managers see what they manage."""
        return access.scope(self, user, "organisation__", also=own_organisations_q(user, "organisation"))

    def active(self):
        return self.filter(is_active=True)

    def public_facing(self):
        return self.filter(kind=Post.Kind.PUBLIC)

    def with_holder_count(self):
        return self.annotate(holder_count=Count("assignments", filter=Q(assignments__status__in=Assignment.LIVE)))

    def offered_by(self, organisation):
        return self.filter(organisation=organisation)


class Post(models.Model):
    """A service post (先锋岗) an organisation offers: 1 to 10 per organisation."""

    class Kind(models.TextChoices):
        PUBLIC = "public", _("Public-facing window service")
        INTERNAL = "internal", _("Internal service")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="posts",
        limit_choices_to={"kind__in": [Organisation.Kind.UNIT, Organisation.Kind.BRANCH]},
    )
    title = models.CharField(_("post title"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PUBLIC)
    duties = models.TextField(_("duties"), max_length=3000)
    required_specialties = models.CharField(
        _("specialties asked for"), max_length=300, blank=True,
        help_text=_("Keywords separated by commas, e.g. 政策咨询、法律法规"),
    )
    required_qualifications = models.CharField(_("qualifications asked for"), max_length=300, blank=True)
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True, validators=[MinValueValidator(16), MaxValueValidator(80)])
    max_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True, validators=[MinValueValidator(16), MaxValueValidator(80)])
    capacity = models.PositiveSmallIntegerField(_("places"), default=1, validators=[MinValueValidator(1), MaxValueValidator(50)])
    # For public-facing posts: what the handbook publishes (服务项目/对象/内容/程序) and the commitments.
    service_items = models.TextField(_("service items"), blank=True, max_length=3000)
    service_targets = models.TextField(_("service targets"), blank=True, max_length=1000)
    service_content = models.TextField(_("service content"), blank=True, max_length=3000)
    service_procedure = models.TextField(_("service procedure"), blank=True, max_length=3000)
    commitments = models.TextField(_("service commitments"), blank=True, max_length=2000)
    # The service guide (办事指南) a citizen reads before coming to the window.
    service_materials = models.TextField(_("required materials"), blank=True, max_length=3000)
    time_limit_days = models.PositiveSmallIntegerField(
        _("time limit (working days)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    service_fees = models.CharField(_("fees"), max_length=300, blank=True, default="不收费")
    legal_basis = models.TextField(_("legal basis"), blank=True, max_length=2000)
    service_place_hours = models.CharField(_("place and hours"), max_length=300, blank=True)
    consultation_phone = models.CharField(_("consultation phone"), max_length=30, blank=True)
    supervision_phone = models.CharField(_("supervision phone"), max_length=30, blank=True)
    is_active = models.BooleanField(_("offered"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("pioneer post")
        verbose_name_plural = _("pioneer posts")
        ordering = ["organisation__code", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="post_capacity_positive"),
            models.CheckConstraint(
                condition=Q(min_age__isnull=True) | Q(max_age__isnull=True) | Q(min_age__lte=models.F("max_age")),
                name="post_age_range_ordered",
                violation_error_message=_("The minimum age cannot be above the maximum age."),
            ),
            models.CheckConstraint(condition=Q(kind__in=["public", "internal"]), name="post_kind_valid"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_public(self) -> bool:
        return self.kind == self.Kind.PUBLIC

    def live_holder_count(self) -> int:
        """Members holding the post now (uses the `with_holder_count` annotation when present)."""
        count = getattr(self, "holder_count", None)
        return count if count is not None else self.assignments.live().count()

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.live_holder_count(), 0)

    @property
    def is_full(self) -> bool:
        return self.places_left == 0

    def age_requirement(self) -> str:
        """The age asked for, in words, the one way every page shows it: 不限, 不超过 55 岁, 30 岁以上 or 30–55 岁."""
        low, high = self.min_age, self.max_age
        if low is None and high is None:
            return gettext("any")
        if low is None:
            return gettext("%(max)s or younger") % {"max": high}
        if high is None:
            return gettext("%(min)s or older") % {"min": low}
        return gettext("from %(min)s to %(max)s") % {"min": low, "max": high}

    def age_fits(self, age: int) -> bool:
        return (self.min_age is None or age >= self.min_age) and (self.max_age is None or age <= self.max_age)

    def required_words(self) -> set[str]:
        from members.text import keywords

        return keywords(f"{self.required_specialties} {self.required_qualifications}")


class AssignmentQuerySet(models.QuerySet):
    def live(self):
        return self.filter(status__in=Assignment.LIVE)

    def approved(self):
        return self.filter(status=Assignment.Status.APPROVED)

    def confirmed(self):
        return self.filter(status=Assignment.Status.CONFIRMED)

    def visible_to(self, user):
        """Managers see the assignments to the posts they manage; a member sees their own."""
        return access.scope(self, user, "post__organisation__", also=own_member_q(user))


class Assignment(models.Model):
    """A member holding a post: set by the organisation, published, then confirmed."""

    class Status(models.TextChoices):
        APPROVED = "approved", _("Set by the organisation")
        PUBLISHED = "published", _("In public notice")
        CONFIRMED = "confirmed", _("Confirmed")
        ENDED = "ended", _("Ended")

    LIVE = [Status.APPROVED, Status.PUBLISHED, Status.CONFIRMED]

    class EndReason(models.TextChoices):
        REVISED = "revised", _("Revised to another post")
        HANDOVER = "handover", _("Handed over to a successor")
        TRANSFER = "transfer", _("Transferred to another branch")
        RETIREMENT = "retirement", _("Retired")
        TRANSFER_OUT = "transfer_out", _("Transferred out")
        DEATH = "death", _("Died")
        EXPULSION = "expulsion", _("Expelled")

    member = models.ForeignKey(Member, verbose_name=_("party member"), on_delete=models.PROTECT, related_name="assignments")
    post = models.ForeignKey(Post, verbose_name=_("pioneer post"), on_delete=models.PROTECT, related_name="assignments")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.APPROVED)
    reason = models.TextField(_("reason"), blank=True, help_text=_("Why the organisation placed the member on this post."))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    # The day the member stopped holding it (a departure is often recorded after the day itself).
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=16, choices=EndReason.choices, blank=True)
    # The round that set it (steps 1–3); empty for assignments entered another way.
    round = models.ForeignKey(
        "posts.Round", verbose_name=_("nomination round"), null=True, blank=True, on_delete=models.PROTECT, related_name="assignments",
    )
    replaces = models.OneToOneField(
        "self", verbose_name=_("revises"), null=True, blank=True, on_delete=models.SET_NULL, related_name="replaced_by",
    )
    # A handover (交接): the successor's assignment names the predecessor's, so both names stay on the record.
    predecessor = models.OneToOneField(
        "self", verbose_name=_("takes over from"), null=True, blank=True, on_delete=models.SET_NULL, related_name="successor",
    )

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("post assignment")
        verbose_name_plural = _("post assignments")
        ordering = ["post__organisation__code", "post_id", "member__member_no"]
        constraints = [
            # A member holds one post at a time.
            models.UniqueConstraint(
                fields=["member"], condition=Q(status__in=["approved", "published", "confirmed"]),
                name="assignment_one_live_per_member",
                violation_error_message=_("This member already holds a post."),
            ),
            models.CheckConstraint(condition=Q(status__in=["approved", "published", "confirmed", "ended"]), name="assignment_status_valid"),
            models.CheckConstraint(
                condition=Q(end_reason__in=["", "revised", "handover", "transfer", "retirement", "transfer_out", "death", "expulsion"]),
                name="assignment_end_reason_valid",
            ),
        ]

    def __str__(self):
        return self.described().render()

    def described(self):
        return Message("%(member)s · %(post)s", member=str(self.member), post=str(self.post))

    @property
    def is_live(self) -> bool:
        return self.status in self.LIVE

    def get_holder_url(self):
        """Where the member holding it reads about their post: the link in their notifications."""
        return reverse("posts:my_post")
