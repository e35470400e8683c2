import datetime
from collections.abc import Callable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members import access
from pioneer import words


class OrganisationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Organisations the user manages, plus the member's own branch and its unit."""
        acc = access.for_user(user)
        own = Q(pk=acc.member.branch_id) | Q(pk=acc.member_unit_id) if acc.member is not None else None
        return access.scope(self, user, also=own)

    def managed_by(self, user):
        return access.scope(self, user)

    def units(self):
        return self.filter(kind=Organisation.Kind.UNIT)

    def branches(self):
        return self.filter(kind=Organisation.Kind.BRANCH)


class Organisation(models.Model):
    """The committee, a unit party organisation, or a branch: a three-level tree."""

    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("Working committee")
        UNIT = "unit", _("Unit party organisation")
        BRANCH = "branch", _("Branch")

    PARENT_KIND = {Kind.UNIT: Kind.COMMITTEE, Kind.BRANCH: Kind.UNIT}

    kind = models.CharField(_("level"), max_length=16, choices=Kind.choices)
    code = models.CharField(
        _("code"),
        max_length=32,
        unique=True,
        validators=[RegexValidator(r"^[A-Za-z0-9_-]+$", _("Use letters, digits, '-' and '_' only."))],
        help_text=_("A short unique code, used in imports and URLs."),
    )
    name = models.CharField(_("name"), max_length=100)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent organisation"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    is_active = models.BooleanField(_("taking part"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()
    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="committee", parent__isnull=True) | (~Q(kind="committee") & Q(parent__isnull=False)),
                name="organisation_committee_is_root",
                violation_error_message=_("Only the working committee has no parent organisation."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["committee", "unit", "branch"]), name="organisation_kind_valid"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        expected = self.PARENT_KIND.get(self.kind)
        if expected is None:
            if self.parent_id:
                raise ValidationError({"parent": _("The working committee has no parent organisation.")})
        elif self.parent is None or self.parent.kind != expected:
            raise ValidationError(
                {"parent": _("A %(kind)s belongs to a %(parent)s.")
                 % {"kind": self.Kind(self.kind).label, "parent": self.Kind(expected).label}}
            )

    @property
    def unit_id(self):
        """The unit this organisation belongs to (itself for a unit)."""
        if self.kind == self.Kind.UNIT:
            return self.pk
        if self.kind == self.Kind.BRANCH:
            return self.parent_id
        return None


# Conditions on a member that a higher app defines, by name: `function(member_ref) -> expression` over
# OuterRef(member_ref). The posts app registers "on_post" (holds a live assignment) from its ready(), so the
# member list filters by it without the floor naming the posts app.
MEMBER_CONDITIONS: dict[str, Callable[[str], object]] = {}


def member_condition(name: str):
    def register(function):
        MEMBER_CONDITIONS[name] = function
        return function

    return register


class MemberQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Members of the organisations the user manages, and the user's own member record."""
        member = access.for_user(user).member
        return access.scope(self, user, "branch__", also=Q(pk=member.pk) if member is not None else None)

    def in_service(self):
        return self.filter(is_active=True)

    def meeting(self, condition: str, *, holds: bool = True):
        """Members for whom a registered condition (see MEMBER_CONDITIONS) holds, or does not."""
        expression = MEMBER_CONDITIONS[condition]("pk")
        return self.filter(expression if holds else ~expression)


class Member(models.Model):
    """A party member: what step 1 needs to choose a post."""

    class Gender(models.TextChoices):
        MALE = "M", _("Male")
        FEMALE = "F", _("Female")

    class Education(models.TextChoices):
        DOCTORATE = "doctorate", _("Doctorate")
        MASTER = "master", _("Master's degree")
        BACHELOR = "bachelor", _("Bachelor's degree")
        COLLEGE = "college", _("College diploma")
        SECONDARY = "secondary", _("Secondary vocational")
        HIGH_SCHOOL = "high_school", _("High school or below")

    class Standing(models.TextChoices):
        FULL = "full", _("Full member")
        PROBATIONARY = "probationary", _("Probationary member")

    member_no = models.CharField(
        _("member number"), max_length=32, unique=True,
        validators=[RegexValidator(r"^[A-Za-z0-9_-]+$", _("Use letters, digits, '-' and '_' only."))],
    )
    name = models.CharField(_("full name"), max_length=50)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("date of birth"))
    education = models.CharField(_("education"), max_length=16, choices=Education.choices)
    position = models.CharField(_("position"), max_length=100, help_text=_("Job and post in the unit."))
    job_title = models.CharField(_("professional title"), max_length=100, blank=True)
    qualifications = models.TextField(_("professional qualifications"), blank=True, max_length=1000)
    specialties = models.TextField(_("specialties"), blank=True, max_length=1000)
    standing = models.CharField(_("party standing"), max_length=16, choices=Standing.choices, default=Standing.FULL)
    is_cadre = models.BooleanField(_("cadre"), default=False)
    phone = models.CharField(
        _("phone"), max_length=20, blank=True,
        validators=[RegexValidator(r"^[0-9+\- ]{5,20}$", _("Enter a valid phone number."))],
    )
    branch = models.ForeignKey(
        Organisation, verbose_name=_("branch"), on_delete=models.PROTECT, related_name="members",
        limit_choices_to={"kind": Organisation.Kind.BRANCH},
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("login account"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="member",
    )
    is_active = models.BooleanField(_("in service"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("party member")
        verbose_name_plural = _("party members")
        ordering = ["branch__code", "member_no"]
        constraints = [
            models.CheckConstraint(condition=Q(gender__in=["M", "F"]), name="member_gender_valid"),
            models.CheckConstraint(condition=Q(standing__in=["full", "probationary"]), name="member_standing_valid"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.branch_id and self.branch.kind != Organisation.Kind.BRANCH:
            raise ValidationError({"branch": _("A member belongs to a branch.")})
        if self.birth_date and self.birth_date > timezone.localdate():
            raise ValidationError({"birth_date": _("The date of birth cannot be in the future.")})

    def age_on(self, day: datetime.date) -> int:
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @property
    def age(self) -> int:
        return self.age_on(timezone.localdate())

    def specialty_words(self) -> set[str]:
        from members.text import keywords

        return keywords(f"{self.specialties} {self.qualifications} {self.job_title} {self.position}")


class Role(models.Model):
    """A responsibility that widens what a user may see and do."""

    class Kind(models.TextChoices):
        BRANCH_SECRETARY = "branch_secretary", _("Branch secretary")
        UNIT_SECRETARY = "unit_secretary", _("Unit organisation secretary")
        COMMITTEE_STAFF = "committee_staff", _("Committee staff")

    ORGANISATION_KIND = {
        Kind.BRANCH_SECRETARY: Organisation.Kind.BRANCH,
        Kind.UNIT_SECRETARY: Organisation.Kind.UNIT,
        Kind.COMMITTEE_STAFF: Organisation.Kind.COMMITTEE,
    }

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pioneer_roles")
    kind = models.CharField(_("role"), max_length=32, choices=Kind.choices)
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="roles")

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "organisation"], name="role_unique_per_user"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.organisation}"

    def clean(self):
        expected = self.ORGANISATION_KIND.get(self.kind)
        if self.organisation_id and expected and self.organisation.kind != expected:
            raise ValidationError({"organisation": _("This role belongs to a %(kind)s.") % {"kind": Organisation.Kind(expected).label}})


class AuditEntry(models.Model):
    """Who moved what from which state to which, when and why."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # A system actor ("the system (notice period over)") is a stored message, so it reads in the reader's language.
    actor_name = words.MessageCharField(_("by"), max_length=150, blank=True)
    actor_name_key = words.key_field()
    actor_name_params = words.params_field()
    action = models.CharField(_("action"), max_length=80, db_index=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("object"), max_length=200)
    from_state = models.CharField(_("from"), max_length=40, blank=True)
    to_state = models.CharField(_("to"), max_length=40, blank=True)
    # A person's reason is kept as typed; a reason the app writes is a stored message (pioneer.words).
    reason = words.MessageTextField(_("reason"), blank=True)
    reason_key = words.key_field()
    reason_params = words.params_field()
    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="audit_object_idx")]

    def __str__(self):
        return f"{self.action} {self.object_repr}"

    # The history pages speak in words: the apps register their codes' labels (members.audit.register_actions).
    @property
    def action_label(self) -> str:
        from members import audit

        return audit.action_label(self.action)

    @property
    def from_label(self) -> str:
        from members import audit

        return audit.state_label(self.action, self.from_state)

    @property
    def to_label(self) -> str:
        from members import audit

        return audit.state_label(self.action, self.to_state)


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """An in-app message to one user about a decision that concerns them."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    text = words.MessageCharField(_("message"), max_length=500)
    text_key = words.key_field()
    text_params = words.params_field()
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]

    def __str__(self):
        return self.text


from members.jobs.models import Job  # noqa: E402,F401
