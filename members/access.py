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
    city_ids: frozenset = field(default_factory=frozenset)
    # The committees under the user's city offices: city staff see these districts, and change nothing in them.
    city_committee_ids: frozenset = field(default_factory=frozenset)
    member: object = None
    member_unit_id: int | None = None
    # The committees and city offices of the user's staff roles, as instances (from the roles' one query).
    programme_organisations: tuple = ()

    @property
    def is_authenticated(self) -> bool:
        return bool(getattr(self.user, "is_authenticated", False))

    @property
    def is_committee_staff(self) -> bool:
        return self.is_admin or bool(self.committee_ids)

    @property
    def is_city_staff(self) -> bool:
        return bool(self.city_ids)

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

    @property
    def sees_any(self) -> bool:
        """Manages something, or oversees districts from a city office."""
        return self.manages_any or bool(self.city_committee_ids)

    @property
    def district_ids(self) -> frozenset:
        """The committees whose whole district the user sees: their own committees and their cities' ones."""
        return self.committee_ids | self.city_committee_ids

    @property
    def whole_district_ids(self) -> frozenset:
        """The districts a user sees whole, when that is all they see (committee or city staff with no unit or
        branch role): rows that carry their own district filter on that one column. Empty for everyone else."""
        if self.is_admin or self.is_secretary:
            return frozenset()
        return self.district_ids

    @property
    def programme_organisation(self):
        """The district (or city office) whose programme dashboard this user opens: a committee before a city."""
        ordered = sorted(self.programme_organisations, key=lambda o: (o.kind != "committee", o.code))
        return ordered[0] if ordered else None

    def managed_organisation_q(self, prefix: str = "", *, seen: bool = True) -> Q:
        """A Q over Organisation (or, with a prefix such as 'branch__', over a relation to it).

        One indexed column per kind of role: a district's staff on `committee`, a unit's secretary on
        `unit`, a branch's on the row itself. With `seen`, the city staff's districts count too.
        """
        committees = self.district_ids if seen else self.committee_ids
        q = Q()
        if committees:
            q |= Q(**{f"{prefix}committee__in": committees})
        if self.unit_ids:
            q |= Q(**{f"{prefix}unit__in": self.unit_ids})
        if self.branch_ids:
            q |= Q(**{f"{prefix}pk__in": self.branch_ids})
        return q

    def managed_member_q(self, prefix: str = "", *, seen: bool = True) -> Q:
        """The same over Member (or a relation to it), on the member's own columns: no join at all."""
        committees = self.district_ids if seen else self.committee_ids
        q = Q()
        if committees:
            q |= Q(**{f"{prefix}committee__in": committees})
        if self.unit_ids:
            q |= Q(**{f"{prefix}unit__in": self.unit_ids})
        if self.branch_ids:
            q |= Q(**{f"{prefix}branch__in": self.branch_ids})
        return q

    @cached_property
    def _managed_ids_queryset(self):
        from members.models import Organisation

        if self.is_admin:
            return Organisation.objects.values("pk")
        q = self.managed_organisation_q()
        return Organisation.objects.filter(q).values("pk") if q else Organisation.objects.none().values("pk")

    def managed_organisation_ids(self):
        """A lazy subquery of the organisations this user manages (or, from a city office, sees)."""
        return self._managed_ids_queryset

    def manages(self, organisation) -> bool:
        """Does the user manage this organisation (an Organisation instance)? No query: the row carries its place."""
        if self.is_admin:
            return True
        if organisation is None:
            return False
        return bool(
            organisation.committee_id in self.committee_ids
            or organisation.unit_id in self.unit_ids
            or organisation.pk in self.branch_ids
        )

    def sees(self, organisation) -> bool:
        """Does the user manage this organisation, or oversee its district from a city office?"""
        return self.manages(organisation) or (organisation is not None and organisation.committee_id in self.city_committee_ids)


def scope(queryset, user, prefix: str = "", *, also: Q | None = None, managed: bool = True, members: bool = False,
          seen: bool = True):
    """The one scope filter behind every `visible_to` and `managed_by`.

    `prefix` is the path from the queryset's model to an Organisation (``"branch__"``,
    ``"window__organisation__"``, or ``""`` for Organisation itself), or with `members` to a Member.
    Admins see everything; everyone else sees the organisations they manage (when `managed`), city staff
    their cities' districts (unless `seen` is off: what a user may change), plus whatever `also` adds (a member's own record, say). Nothing in scope is
    an empty queryset, never an unfiltered one.

    The filter is one indexed column per role (`committee_id`, `unit_id`, or the row itself) on the
    organisation at `prefix`, so through a relation it is one join: an OR over parent and grandparent
    joins made PostgreSQL scan whole tables at a city's size.
    """
    acc = for_user(user)
    if acc.is_admin:
        return queryset
    q = Q()
    if managed and (acc.sees_any if seen else acc.manages_any):
        q = acc.managed_member_q(prefix, seen=seen) if members else acc.managed_organisation_q(prefix, seen=seen)
    if also is not None:
        q |= also
    return queryset.filter(q) if q else queryset.none()


def for_user(user) -> Access:
    if user is None or not getattr(user, "is_authenticated", False):
        return Access(user=user)
    cached = getattr(user, "_pioneer_access", None)
    if cached is not None:
        return cached
    from members.models import Member, Organisation, Role

    roles = {kind: set() for kind in Role.Kind.values}
    programme = []
    for role in Role.objects.filter(user=user).select_related("organisation").order_by("organisation__code"):
        roles[role.kind].add(role.organisation_id)
        if role.kind in (Role.Kind.COMMITTEE_STAFF, Role.Kind.CITY_STAFF):
            programme.append(role.organisation)
    cities = roles[Role.Kind.CITY_STAFF]
    # Only city staff pay the one query for their districts.
    city_committees = set(Organisation.objects.filter(parent__in=cities).values_list("pk", flat=True)) if cities else set()
    member = Member.objects.filter(user=user).select_related("branch").first()
    acc = Access(
        user=user,
        is_admin=user.is_superuser,
        committee_ids=frozenset(roles[Role.Kind.COMMITTEE_STAFF]),
        unit_ids=frozenset(roles[Role.Kind.UNIT_SECRETARY]),
        branch_ids=frozenset(roles[Role.Kind.BRANCH_SECRETARY]),
        city_ids=frozenset(cities),
        city_committee_ids=frozenset(city_committees),
        member=member,
        member_unit_id=member.unit_id if member else None,
        programme_organisations=tuple(programme),
    )
    user._pioneer_access = acc
    return acc
