"""The district of the source document: 1 committee, 19 units, 30 branches, about 160 members.

`load_demo` calls `load()` first, then the other apps' `demo.load()`, which build on it.
Idempotent: objects are found by their natural keys and created only when missing,
so a second run writes nothing.
"""

import datetime
import random

from django.contrib.auth import get_user_model

from members.demo.district import (
    BRANCH_NAMES,
    COMMITTEE,
    DEMO_PASSWORD,
    EDUCATION_WEIGHTS,
    GIVEN,
    LOGINS,
    POSITIONS,
    QUALIFICATIONS,
    SPECIALTIES,
    SURNAMES,
    TITLES,
    UNITS,
)
from members.models import Member, Organisation, Role

__all__ = ["DEMO_PASSWORD", "LOGINS", "load"]


def members_per_branch(index: int) -> int:
    # 160 members over 30 branches: the first ten branches have 6, the rest 5.
    return 6 if index < 10 else 5


def load(stdout=None):
    rng = random.Random(2005)
    committee, _ = Organisation.objects.get_or_create(
        code=COMMITTEE[0],
        defaults={"kind": Organisation.Kind.COMMITTEE, "name": COMMITTEE[1], "contact_person": "周文", "contact_phone": "0574-88100000"},
    )
    branches = []
    for code, name, branch_count in UNITS:
        unit, _ = Organisation.objects.get_or_create(
            code=code,
            defaults={"kind": Organisation.Kind.UNIT, "name": name, "parent": committee,
                      "contact_person": rng.choice(SURNAMES) + rng.choice(GIVEN), "contact_phone": f"0574-8810{rng.randint(1000, 9999)}"},
        )
        short = name.removesuffix("党组").removesuffix("党委")
        for i in range(branch_count):
            branch, _ = Organisation.objects.get_or_create(
                code=f"{code}-{i + 1}",
                defaults={"kind": Organisation.Kind.BRANCH, "name": f"{short}{BRANCH_NAMES[i] if branch_count > 1 else '机关党支部'}",
                          "parent": unit},
            )
            branches.append(branch)

    existing = set(Member.objects.values_list("member_no", flat=True))
    educations = [e for e, w in EDUCATION_WEIGHTS for _ in range(w)]
    number = 0
    for index, branch in enumerate(branches):
        for _ in range(members_per_branch(index)):
            number += 1
            member_no = f"YZ{number:04d}"
            # Draw the values even for existing members, so the sequence stays the same.
            values = {
                "name": rng.choice(SURNAMES) + rng.choice(GIVEN),
                "gender": rng.choice("MF"),
                "birth_date": datetime.date(rng.randint(1966, 2000), rng.randint(1, 12), rng.randint(1, 28)),
                "education": rng.choice(educations),
                "position": rng.choice(POSITIONS),
                "job_title": rng.choice(TITLES),
                "qualifications": rng.choice(QUALIFICATIONS),
                "specialties": "、".join(rng.sample(SPECIALTIES, 3)),
                "standing": "probationary" if rng.random() < 0.06 else "full",
                "is_cadre": rng.random() < 0.3,
                "phone": f"13{rng.randint(100000000, 999999999)}",
                "branch": branch,
            }
            if member_no not in existing:
                Member.objects.create(member_no=member_no, **values)

    User = get_user_model()
    for username, full_name, role_kind, org_code in LOGINS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, is_staff=username == "admin", is_superuser=username == "admin")
            user.set_password(DEMO_PASSWORD)
            if username == "member":
                member = Member.objects.filter(branch__code="XZSP-1").order_by("member_no").first()
                full_name = member.name
            user.first_name = full_name or ""
            user.save()
            if username == "member":
                Member.objects.filter(pk=member.pk).update(user=user)
        if role_kind:
            Role.objects.get_or_create(user=user, kind=role_kind, organisation=Organisation.objects.get(code=org_code))
    if stdout:
        stdout.write(f"  members: {Organisation.objects.units().count()} units, {Organisation.objects.branches().count()} branches, {Member.objects.count()} members")
