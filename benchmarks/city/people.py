"""A district's organisation tree, its members and its logins, in bulk."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from members import bulk
from members.demo import DEMO_PASSWORD, EDUCATION_WEIGHTS, GIVEN, POSITIONS, QUALIFICATIONS, SPECIALTIES, SURNAMES, TITLES
from members.models import Member, Organisation, Role

BATCH = 2000
# Names of the city's districts and of the kinds of unit each district has; the rest are numbered.
DISTRICTS = ["海曙", "江北", "镇海", "北仑", "鄞州", "奉化", "余姚", "慈溪", "宁海", "象山"]
UNIT_KINDS = [
    "行政审批服务管理办公室", "公安分局", "税务局", "市场监督管理局", "人力资源和社会保障局", "医疗保障局", "住房和城乡建设局",
    "自然资源和规划分局", "民政局", "卫生健康局", "教育局", "司法局", "财政局", "交通运输局", "农业农村局", "商务局",
    "文化广电旅游体育局", "退役军人事务局", "发展和改革局", "应急管理局", "生态环境分局", "水利局", "统计局", "审计局",
    "城市管理局", "科学技术局", "经济和信息化局", "档案馆", "信访局", "综合行政执法局",
]
_password_hash = None


def password_hash():
    # One Argon2 hash for every login: hashing 20 passwords one by one would cost seconds for nothing.
    global _password_hash
    if _password_hash is None:
        _password_hash = make_password(DEMO_PASSWORD)
    return _password_hash


def district_name(index: int) -> str:
    return DISTRICTS[index] if index < len(DISTRICTS) else f"第{index + 1}"


def build_tree(index: int, sizes, rng):
    """The committee, its units and branches; returns (committee, units, branches of each unit)."""
    prefix = f"D{index + 1:02d}"
    area = district_name(index)
    committee = Organisation.objects.create(
        kind=Organisation.Kind.COMMITTEE, code=prefix, name=f"{area}区直机关党工委",
        contact_person=rng.choice(SURNAMES) + rng.choice(GIVEN), contact_phone=f"0574-8{index:02d}00000",
        address=f"{area}区行政中心{index + 1}号楼",
    )
    units = bulk.create_organisations([
        Organisation(
            kind=Organisation.Kind.UNIT, code=f"{prefix}-U{u + 1:02d}", parent=committee,
            name=f"{area}区{UNIT_KINDS[u % len(UNIT_KINDS)]}{'党组' if u % 3 else '党委'}" + (f"（{u // len(UNIT_KINDS) + 1}）" if u >= len(UNIT_KINDS) else ""),
            contact_person=rng.choice(SURNAMES) + rng.choice(GIVEN), contact_phone=f"0574-8{index:02d}{rng.randint(10000, 99999)}",
            address=f"{area}区{rng.choice(['中山路', '解放路', '天童路', '四明路', '钱湖路'])}{rng.randint(1, 999)}号",
        )
        for u in range(sizes.units)
    ], batch_size=BATCH)
    per_unit, extra = divmod(sizes.branches, sizes.units)
    specs = []
    for u, unit in enumerate(units):
        for b in range(per_unit + (u < extra)):
            specs.append(Organisation(
                kind=Organisation.Kind.BRANCH, code=f"{unit.code}-B{b + 1:02d}", parent=unit,
                name=f"{unit.name.removesuffix('党组').removesuffix('党委')}第{b + 1}党支部",
                contact_person=rng.choice(SURNAMES) + rng.choice(GIVEN), contact_phone=f"138{rng.randint(10000000, 99999999)}",
            ))
    branches = bulk.create_organisations(specs, batch_size=BATCH)
    by_unit = {unit.pk: [] for unit in units}
    for branch in branches:
        by_unit[branch.parent_id].append(branch)
    return committee, units, by_unit


def build_members(index: int, sizes, rng, branches):
    """Members spread evenly over the branches, numbered per district (D01M00001…)."""
    educations = [e for e, w in EDUCATION_WEIGHTS for _ in range(w)]
    prefix = f"D{index + 1:02d}"
    rows = []
    for number in range(sizes.members):
        rows.append(Member(
            member_no=f"{prefix}M{number + 1:05d}",
            name=rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.3 else ""),
            gender=rng.choice("MF"),
            birth_date=datetime.date(rng.randint(1966, 2002), rng.randint(1, 12), rng.randint(1, 28)),
            education=rng.choice(educations),
            position=rng.choice(POSITIONS),
            job_title=rng.choice(TITLES),
            qualifications=rng.choice(QUALIFICATIONS),
            specialties="、".join(rng.sample(SPECIALTIES, 3)),
            standing="probationary" if rng.random() < 0.06 else "full",
            is_cadre=rng.random() < 0.3,
            phone=f"13{rng.randint(100000000, 999999999)}",
            branch=branches[number * len(branches) // sizes.members],
        ))
    return bulk.create_members(rows, batch_size=BATCH)


def build_logins(index: int, committee, units, by_unit, members):
    """Per district: committee staff, the first unit's secretary, its first branch's secretary, one member.

    The first district's logins carry the demo's usernames (committee, unit, secretary, member), so the
    benchmark asks the same questions of the district demo and of the city.
    """
    User = get_user_model()
    first = index == 0
    suffix = "" if first else f"-d{index + 1:02d}"
    branch = by_unit[units[0].pk][0]
    member = next(m for m in members if m.branch_id == branch.pk)
    specs = [
        (f"committee{suffix}", f"{committee.name} 工作人员", Role.Kind.COMMITTEE_STAFF, committee),
        (f"unit{suffix}", f"{units[0].name} 书记", Role.Kind.UNIT_SECRETARY, units[0]),
        (f"secretary{suffix}", f"{branch.name}书记", Role.Kind.BRANCH_SECRETARY, branch),
        (f"member{suffix}", member.name, None, None),
    ]
    users = User.objects.bulk_create([User(username=u, first_name=name, password=password_hash()) for u, name, _k, _o in specs])
    if first:
        User.objects.create(username="admin", first_name="系统管理员", password=password_hash(), is_staff=True, is_superuser=True)
    Role.objects.bulk_create([Role(user=user, kind=kind, organisation=org) for user, (_u, _n, kind, org) in zip(users, specs, strict=True) if kind])
    Member.objects.filter(pk=member.pk).update(user=users[-1])
    return {"committee": users[0], "unit": users[1], "secretary": users[2], "member": users[3]}
