import datetime
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import F, Q
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
        """Organisations the user may change: city staff oversee their districts but change nothing there."""
        return access.scope(self, user, seen=False)

    def seen_by(self, user):
        """Organisations the user manages, or oversees from a city office (the lists' filters offer these)."""
        return access.scope(self, user)

    def units(self):
        return self.filter(kind=Organisation.Kind.UNIT)

    def branches(self):
        return self.filter(kind=Organisation.Kind.BRANCH)


class Organisation(models.Model):
    """City office → working committee (a district; may stand alone) → unit party organisation → branch.

    Each row carries its `committee` and `unit`, kept by save(): a district or a unit is one indexed column.
    """

    class Kind(models.TextChoices):
        CITY = "city", _("City office")
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
    # Kept by save(): the committee row points at itself, a unit and a branch at their committee; a city has none.
    committee = models.ForeignKey(
        "self", verbose_name=_("working committee"), null=True, blank=True, editable=False,
        on_delete=models.PROTECT, related_name="+",
    )
    # Kept by save(): a unit points at itself, a branch at its unit; a committee and a city have none.
    unit = models.ForeignKey(
        "self", verbose_name=_("unit party organisation"), null=True, blank=True, editable=False,
        on_delete=models.PROTECT, related_name="+",
    )
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    is_active = models.BooleanField(_("taking part"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["committee", "unit"])
    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="city", parent__isnull=True)
                | Q(kind="committee")
                | (Q(kind__in=["unit", "branch"]) & Q(parent__isnull=False)),
                name="organisation_committee_is_root",
                violation_error_message=_("Only a city office or a working committee has no parent organisation."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["city", "committee", "unit", "branch"]), name="organisation_kind_valid"
            ),
            # A row's own id is not known until it is inserted, so save() points a committee or a unit at
            # itself in the same transaction, right after the insert: NULL is the moment in between.
            models.CheckConstraint(
                condition=Q(kind="city", committee__isnull=True, unit__isnull=True)
                | (Q(kind="committee", unit__isnull=True) & (Q(committee=F("id")) | Q(committee__isnull=True)))
                | (Q(kind="unit", committee__isnull=False) & (Q(unit=F("id")) | Q(unit__isnull=True)))
                | Q(kind="branch", committee__isnull=False, unit=F("parent")),
                name="organisation_committee_and_unit",
                violation_error_message=_("An organisation's committee and unit follow from its parent."),
            ),
        ]

    def __str__(self):
        return self.name

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._placed_under = self._placing()

    def save(self, *args, **kwargs):
        adding = self._state.adding
        if not adding and self._placing() == self._placed_under:
            super().save(*args, **kwargs)
            return
        with transaction.atomic():
            self._place()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "committee", "unit"}
            super().save(*args, **kwargs)
            if adding and self.kind in (self.Kind.COMMITTEE, self.Kind.UNIT):
                self._place()  # now that the row has its id
                Organisation.objects.filter(pk=self.pk).update(committee=self.committee_id, unit=self.unit_id)
            if not adding:
                self._carry_down()
        self._placed_under = self._placing()

    def clean(self):
        if self.kind == self.Kind.CITY:
            if self.parent_id:
                raise ValidationError({"parent": _("A city office has no parent organisation.")})
        elif self.kind == self.Kind.COMMITTEE:
            if self.parent_id and self.parent.kind != self.Kind.CITY:
                raise ValidationError({"parent": _("A working committee belongs to a city office, or to none.")})
        else:
            expected = self.PARENT_KIND.get(self.kind)
            if expected is not None and (self.parent is None or self.parent.kind != expected):
                raise ValidationError(
                    {"parent": _("A %(kind)s belongs to a %(parent)s.")
                     % {"kind": self.Kind(self.kind).label, "parent": self.Kind(expected).label}}
                )
        # So that full_clean()'s constraint check sees the place save() will write.
        self._place()

    def _placing(self):
        # Read from __dict__: a deferred field must not cost a query (or recurse) on every instance built.
        return self.__dict__.get("kind"), self.__dict__.get("parent_id")

    def _place(self):
        """Set `committee` and `unit` from the parent (a committee or a unit points at itself once it has an id)."""
        if self.kind == self.Kind.CITY:
            self.committee_id = self.unit_id = None
        elif self.kind == self.Kind.COMMITTEE:
            self.committee_id, self.unit_id = self.pk, None
        elif self.kind == self.Kind.UNIT:
            self.committee_id, self.unit_id = self.parent.committee_id if self.parent_id else None, self.pk
        else:
            self.committee_id = self.parent.committee_id if self.parent_id else None
            self.unit_id = self.parent_id

    def _carry_down(self):
        """A moved unit takes its branches and members along to the new committee; a moved branch its members."""
        if self.kind not in (self.Kind.UNIT, self.Kind.BRANCH):
            return
        if self.kind == self.Kind.UNIT:
            Organisation.objects.filter(unit=self.pk).exclude(pk=self.pk).update(committee=self.committee_id)
            Member.objects.filter(unit=self.pk).update(committee=self.committee_id)
        else:
            Member.objects.filter(branch=self.pk).update(committee=self.committee_id, unit=self.unit_id)
        for hook in PLACE_HOOKS:
            hook(organisation=self, member=None)


# Apps above keep their own copy of a row's committee (an evaluation result, say) and register here to follow it:
# `function(organisation=…, member=None)` after a unit or branch moved, `function(organisation=None, member=…)`
# after a member's committee changed. The evaluation app registers from its ready().
PLACE_HOOKS: list[Callable] = []


# Conditions on a member a higher app defines by name: `function(member_ref) -> expression` over OuterRef(member_ref).
# The posts app registers "on_post" from its ready(), so the member list filters by it without naming posts.
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
        return access.scope(self, user, members=True, also=Q(pk=member.pk) if member is not None else None)

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
    # The branch's unit and committee, copied by save() (and by a move of the branch or its unit), so that a
    # unit's or a district's members are one indexed column away.
    unit = models.ForeignKey(
        Organisation, verbose_name=_("unit party organisation"), editable=False, on_delete=models.PROTECT, related_name="+",
    )
    committee = models.ForeignKey(
        Organisation, verbose_name=_("working committee"), editable=False, on_delete=models.PROTECT, related_name="+",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("login account"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="member",
    )
    is_active = models.BooleanField(_("in service"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["unit", "committee"])
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._placed_in = self.__dict__.get("branch_id")

    def save(self, *args, **kwargs):
        # Wherever a member's branch is set (forms, imports, the demo, a transfer), the unit and committee follow.
        if self.branch_id is not None and (self._state.adding or self.__dict__.get("unit_id") is None
                                           or self._placed_in != self.branch_id):
            moved = not self._state.adding and self.__dict__.get("committee_id") != self.branch.committee_id
            self.unit_id, self.committee_id = self.branch.unit_id, self.branch.committee_id
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "unit", "committee"}
        else:
            moved = False
        super().save(*args, **kwargs)
        self._placed_in = self.branch_id
        if moved:
            for hook in PLACE_HOOKS:
                hook(organisation=None, member=self)

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
        CITY_STAFF = "city_staff", _("City office staff")

    ORGANISATION_KIND = {
        Kind.CITY_STAFF: Organisation.Kind.CITY,
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
        return self.described().render()

    def described(self):
        return words.Message("%(kind)s · %(organisation)s", kind=Role.Kind(self.kind), organisation=self.organisation.name)

    def clean(self):
        expected = self.ORGANISATION_KIND.get(self.kind)
        if self.organisation_id and expected and self.organisation.kind != expected:
            raise ValidationError({"organisation": _("This role belongs to a %(kind)s.") % {"kind": Organisation.Kind(expected).label}})


# Audit entries and notifications live beside the people and organisations they are about.
from members.jobs.models import Job  # noqa: E402,F401
from members.records import AuditEntry, Notification, NotificationQuerySet  # noqa: E402,F401
