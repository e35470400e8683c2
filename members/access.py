"""Who may see and do what: the one place every view asks.

`for_user(user)` loads a user's roles and member record once per request
(cached on the user object) and answers scope questions without more queries.
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Q


@dataclass
class Access:
    user: object
    is_admin: bool = False
    committee_ids: frozenset = field(default_factory=frozenset)
    unit_ids: frozenset = field(default_factory=frozenset)
    branch_ids: frozenset = field(default_factory=frozenset)
    member: object = None
    member_unit_id: int | None = None

    @property
    def is_authenticated(self) -> bool:
        return bool(getattr(self.user, "is_authenticated", False))

    @property
    def is_committee_staff(self) -> bool:
        return self.is_admin or bool(self.committee_ids)

    @property
    def is_unit_secretary(self) -> bool:
        return bool(self.unit_ids)

    @property
    def is_branch_secretary(self) -> bool:
        return bool(self.branch_ids)

    @property
    def is_secretary(self) -> bool:
        return bool(self.unit_ids or self.branch_ids)

    @property
    def manages_any(self) -> bool:
        return self.is_admin or bool(self.committee_ids or self.unit_ids or self.branch_ids)

    def managed_organisation_q(self, prefix: str = "") -> Q:
        """A Q over Organisation (or, with a prefix such as 'branch__', over a relation to it)."""
        q = Q()
        if self.committee_ids:
            q |= Q(**{f"{prefix}pk__in": self.committee_ids})
            q |= Q(**{f"{prefix}parent__in": self.committee_ids})
            q |= Q(**{f"{prefix}parent__parent__in": self.committee_ids})
        if self.unit_ids:
            q |= Q(**{f"{prefix}pk__in": self.unit_ids}) | Q(**{f"{prefix}parent__in": self.unit_ids})
        if self.branch_ids:
            q |= Q(**{f"{prefix}pk__in": self.branch_ids})
        return q

    @cached_property
    def _managed_ids_queryset(self):
        from members.models import Organisation

        if self.is_admin:
            return Organisation.objects.values("pk")
        q = self.managed_organisation_q()
        return Organisation.objects.filter(q).values("pk") if q else Organisation.objects.none().values("pk")

    def managed_organisation_ids(self):
        """A lazy subquery of the organisations this user manages."""
        return self._managed_ids_queryset

    def manages(self, organisation) -> bool:
        """Does the user manage this organisation (given as an Organisation instance)?"""
        if self.is_admin:
            return True
        if organisation is None:
            return False
        chain = {organisation.pk}
        parent_id = organisation.parent_id
        if parent_id:
            chain.add(parent_id)
            # A branch's grandparent is the committee: one query only when committee staff ask.
            if self.committee_ids and organisation.kind == "branch":
                chain.add(organisation.parent.parent_id)
        return bool(
            chain & self.committee_ids
            or (organisation.pk in self.unit_ids or parent_id in self.unit_ids)
            or organisation.pk in self.branch_ids
        )


def scope(queryset, user, prefix: str = "", *, also: Q | None = None, managed: bool = True):
    """The one scope filter behind every `visible_to` and `managed_by`.

    `prefix` is the path from the queryset's model to an Organisation (``"branch__"``,
    ``"window__organisation__"``, or ``""`` for Organisation itself). Admins see everything;
    everyone else sees the organisations they manage (when `managed`) plus whatever `also` adds
    (a member's own record, say). Nothing in scope is an empty queryset, never an unfiltered one.
    """
    acc = for_user(user)
    if acc.is_admin:
        return queryset
    q = Q()
    if managed and acc.manages_any:
        # Through a relation, one indexed column against the managed organisations' ids: an OR over the
        # relation's parent and grandparent joins makes PostgreSQL scan whole tables at a city's size.
        q = Q(**{f"{prefix}pk__in": acc.managed_organisation_ids()}) if prefix else acc.managed_organisation_q()
    if also is not None:
        q |= also
    return queryset.filter(q) if q else queryset.none()


def for_user(user) -> Access:
    if user is None or not getattr(user, "is_authenticated", False):
        return Access(user=user)
    cached = getattr(user, "_pioneer_access", None)
    if cached is not None:
        return cached
    from members.models import Member, Role

    committee, unit, branch = set(), set(), set()
    for kind, org_id in Role.objects.filter(user=user).values_list("kind", "organisation_id"):
        {Role.Kind.COMMITTEE_STAFF: committee, Role.Kind.UNIT_SECRETARY: unit, Role.Kind.BRANCH_SECRETARY: branch}[kind].add(org_id)
    member = Member.objects.filter(user=user).select_related("branch").first()
    acc = Access(
        user=user,
        is_admin=user.is_superuser,
        committee_ids=frozenset(committee),
        unit_ids=frozenset(unit),
        branch_ids=frozenset(branch),
        member=member,
        member_unit_id=member.branch.parent_id if member else None,
    )
    user._pioneer_access = acc
    return acc
