"""The one place a member's branch and service change: joining, transferring, leaving.

The posts app records why (its `Movement`) and ends the member's post; this module keeps the member's
own record right. Columns derived from the branch (a unit, the committee) are set here too, so every
move keeps them in step.
"""

from members import audit
from members.models import Member


def join_member(actor, *, branch, **fields) -> Member:
    """Create the record of a member who joins a branch (a new member or one transferred in)."""
    member = Member.objects.create(branch=branch, is_active=True, **fields)
    audit.record(actor, "members.member.joined", member, to_state=branch.code)
    return member


def move_member(actor, *, member: Member, branch=None, in_service: bool = True, reason: str = "") -> Member:
    """Set a member's branch and whether they are in service (call inside the caller's transaction, row locked)."""
    old_branch, old_active = member.branch, member.is_active
    changed = []
    if branch is not None and branch.pk != member.branch_id:
        member.branch = branch
        changed.append("branch")
    if in_service != member.is_active:
        member.is_active = in_service
        changed.append("is_active")
    if changed:
        member.save(update_fields=[*changed, "updated_at"])
        if "branch" in changed:
            audit.record(actor, "members.member.branch_changed", member, from_state=old_branch.code, to_state=member.branch.code, reason=reason)
        if "is_active" in changed:
            audit.record(actor, "members.member.left" if not in_service else "members.member.returned", member,
                         from_state="in_service" if old_active else "left", to_state="in_service" if in_service else "left", reason=reason)
    return member
