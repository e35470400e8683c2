"""The district of the source document: 1 committee, 19 units, 30 branches, about 160 members.

Idempotent: objects are found by their natural keys and created only when missing,
so a second run writes nothing.
"""

import datetime
import random

from django.contrib.auth import get_user_model

from members.models import Member, Organisation, Role

DEMO_PASSWORD = "Pioneer-2026"
COMMITTEE = ("YZ", "鄞州区直机关党工委")

# (code, unit name, number of branches): 11 units with two branches and 8 with one make 30.
UNITS = [
    ("XZSP", "区行政审批服务管理办公室党组", 2),
    ("GA", "区公安分局党委", 2),
    ("SWJ", "区税务局党委", 2),
    ("SCJG", "区市场监督管理局党委", 2),
    ("RSJ", "区人力资源和社会保障局党委", 2),
    ("YBJ", "区医疗保障局党组", 2),
    ("ZJJ", "区住房和城乡建设局党委", 2),
    ("ZRZY", "区自然资源和规划分局党组", 2),
    ("MZJ", "区民政局党组", 2),
    ("WJJ", "区卫生健康局党委", 2),
    ("JYJ", "区教育局党委", 2),
    ("SFJ", "区司法局党组", 1),
    ("CZJ", "区财政局党组", 1),
    ("JTJ", "区交通运输局党委", 1),
    ("NYJ", "区农业农村局党组", 1),
    ("SWU", "区商务局党组", 1),
    ("WGLT", "区文化广电旅游体育局党组", 1),
    ("TYJR", "区退役军人事务局党组", 1),
    ("FGJ", "区发展和改革局党组", 1),
]
BRANCH_NAMES = ["第一党支部", "第二党支部"]

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢钟姜崔谭陆范汪石金"
GIVEN = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平",
    "刚", "桂英", "建华", "文", "华", "玲", "志强", "红梅", "海燕", "晓东", "雪", "宇", "浩然", "子涵", "欣怡", "梓萱",
    "俊杰", "思远", "佳怡", "晨曦", "一鸣", "丹", "亮", "婷", "斌", "琳", "鹏", "颖", "峰", "倩",
]
POSITIONS = ["科员", "副主任科员", "主任科员", "科长", "副科长", "办事员", "窗口负责人", "综合科科长", "业务骨干", "四级主任科员", "三级主任科员", "一级科员"]
TITLES = ["", "", "助理经济师", "经济师", "会计师", "工程师", "高级工程师", "律师", "主治医师", "中级社工师"]
SPECIALTIES = [
    "政策咨询", "窗口服务", "材料审核", "法律法规", "财务会计", "社保经办", "医保结算", "户籍办理", "出入境办理",
    "税费申报", "企业登记", "食品安全", "不动产登记", "规划审批", "建筑施工", "社会救助", "婚姻登记", "医疗卫生",
    "教育管理", "信息化", "档案管理", "文字写作", "群众工作", "调解纠纷", "外语", "手语", "普通话", "驾驶", "统计分析",
]
QUALIFICATIONS = ["", "", "法律职业资格", "会计从业资格", "注册会计师", "社会工作者职业资格", "计算机二级", "普通话二级甲等", "执业医师资格", "注册建造师"]
EDUCATION_WEIGHTS = [("master", 18), ("bachelor", 62), ("college", 15), ("doctorate", 2), ("secondary", 3)]

# Demo logins, listed in the README. Each is (username, full name, role kind, organisation code or None).
LOGINS = [
    ("admin", "系统管理员", None, None),
    ("committee", "区直机关党工委 周文", Role.Kind.COMMITTEE_STAFF, "YZ"),
    ("unit", "审批办党组 陈静", Role.Kind.UNIT_SECRETARY, "XZSP"),
    ("secretary", "审批办第一党支部书记 王建华", Role.Kind.BRANCH_SECRETARY, "XZSP-1"),
    ("secretary2", "公安分局第一党支部书记 刘强", Role.Kind.BRANCH_SECRETARY, "GA-1"),
    ("member", None, None, None),  # linked to the first member of XZSP-1
]


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
