"""Bulk creation that keeps each row's committee and unit (bulk_create() never calls save()).

For data builders and large imports: organisations of one level at a time, parents first, parents
given as instances that came from the database (or from an earlier call here).
"""

from django.db import transaction

from members.models import Member, Organisation


def create_organisations(organisations, *, batch_size=1000) -> list[Organisation]:
    """bulk_create() organisations, their committee and unit set from their parents; a committee or unit then points at itself."""
    organisations = list(organisations)
    with transaction.atomic():
        for o in organisations:
            o._place()
        created = Organisation.objects.bulk_create(organisations, batch_size=batch_size)
        own = [o for o in created if o.kind in (Organisation.Kind.COMMITTEE, Organisation.Kind.UNIT)]
        if own:
            for o in own:
                o._place()  # now with its id
            Organisation.objects.bulk_update(own, ["committee", "unit"], batch_size=batch_size)
    for o in created:
        o._placed_under = o._placing()
    return created


def create_members(members, *, batch_size=1000) -> list[Member]:
    """bulk_create() members, each with its branch's unit and committee (branches given as instances)."""
    members = list(members)
    for m in members:
        m.unit_id, m.committee_id = m.branch.unit_id, m.branch.committee_id
    return Member.objects.bulk_create(members, batch_size=batch_size)
