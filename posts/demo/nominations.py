"""Demo data for steps 1–3: posts for every organisation, and one round per organisation taken through all steps.

Every unit offers public-facing window posts (3 for XZSP, 2 for the others) with confirmed holders; every
branch offers internal posts. 131 members hold posts, a few nominations still await review, and branch
XZSP-1 (the demo secretary's) has a round still open and a publication in its notice period with an objection;
branch XZSP-2's publication is held by an objection still unanswered after its notice ended (posts/demo/held.py).
Idempotent: an organisation that already has a round is left alone.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from members.models import Member, Organisation
from members.text import keywords
from posts.catalogue import services as catalogue
from posts.demo import held
from posts.models import Assignment, Nomination, Post, Publication, Round
from posts.nominations import services as nominations
from posts.publication import services as publication
from posts.review import services as review

TARGET_HOLDERS = 131
PENDING = 8
REJECTED = 5
DEMO_MEMBER_BRANCH = "XZSP-1"
NOTICE_BRANCH = "XZSP-1"

# (title, specialties asked for, qualifications, (min age, max age), service items, service targets, procedure hint)
UNIT_POSTS = {
    "XZSP": [
        ("企业开办“一窗受理”岗", "企业登记、窗口服务、材料审核", "", (None, None),
         "企业设立登记、印章刻制、发票申领、社保登记、银行开户预约“一窗受理、一次办结”", "新设立企业及其经办人"),
        ("政策咨询导办岗", "政策咨询、群众工作、普通话", "", (None, 55),
         "审批事项政策咨询、办事指南解读、网上办事引导、“最多跑一次”事项导办", "到大厅办事的企业和群众"),
        ("帮办代办岗", "材料审核、政策咨询、群众工作", "", (None, None),
         "重大项目全程帮办、老年人和残疾人等特殊群体代办、预约延时服务", "重点项目业主、特殊群体办事群众"),
    ],
    "GA": [
        ("户籍办理岗", "户籍办理、窗口服务、档案管理", "", (None, None),
         "出生、迁入迁出、户口登记项目变更、居住证办理、身份证受理", "辖区居民和流动人口"),
        ("出入境受理岗", "出入境办理、外语、窗口服务", "", (None, 50),
         "普通护照、往来港澳台通行证及签注的受理、制证、发证", "申请出入境证件的中国公民"),
    ],
    "SWJ": [
        ("办税服务岗", "税费申报、财务会计、窗口服务", "会计从业资格", (None, None),
         "发票领用、税费申报、税费缴纳、涉税证明开具", "辖区纳税人、缴费人"),
        ("纳税咨询辅导岗", "税费申报、政策咨询、财务会计", "注册会计师", (None, None),
         "减税降费政策辅导、电子税务局操作辅导、12366 咨询回访", "新办纳税人、小微企业和个体工商户"),
    ],
    "SCJG": [
        ("市场主体登记岗", "企业登记、材料审核、法律法规", "", (None, None),
         "企业和个体工商户设立、变更、注销登记", "各类市场主体"),
        ("食品安全投诉举报受理岗", "食品安全、调解纠纷、法律法规", "", (None, None),
         "食品安全、消费维权投诉举报受理、转办、回访", "消费者和经营者"),
    ],
    "RSJ": [
        ("社保经办岗", "社保经办、窗口服务、材料审核", "", (None, None),
         "养老保险、失业保险、工伤保险参保登记、待遇核定与转移接续", "参保单位和个人"),
        ("就业创业服务岗", "政策咨询、群众工作、统计分析", "中级社工师", (None, None),
         "就业登记、失业登记、创业补贴、职业技能培训补贴申领", "求职人员、创业人员和用人单位"),
    ],
    "YBJ": [
        ("医保结算服务岗", "医保结算、财务会计、窗口服务", "", (None, None),
         "医疗费用零星报销、异地就医备案、门诊慢特病待遇认定", "参保群众"),
        ("医保政策咨询岗", "政策咨询、医保结算、普通话", "", (None, None),
         "医保参保缴费、待遇政策咨询与办事引导", "参保单位和群众"),
    ],
    "ZJJ": [
        ("建设工程审批服务岗", "建筑施工、规划审批、材料审核", "注册建造师", (None, None),
         "施工许可、竣工验收备案、建筑业企业资质受理", "建设单位和施工企业"),
        ("住房保障服务岗", "社会救助、政策咨询、群众工作", "", (None, None),
         "公共租赁住房申请、住房租赁补贴受理与资格复核", "住房困难家庭和新就业人员"),
    ],
    "ZRZY": [
        ("不动产登记受理岗", "不动产登记、材料审核、窗口服务", "", (None, None),
         "不动产首次登记、转移登记、抵押登记、查询与证明", "权利人和利害关系人"),
        ("规划咨询服务岗", "规划审批、政策咨询、法律法规", "", (None, None),
         "建设项目规划条件咨询、规划许可办理指导", "建设单位和群众"),
    ],
    "MZJ": [
        ("婚姻登记服务岗", "婚姻登记、窗口服务、调解纠纷", "", (None, None),
         "结婚登记、离婚登记、补领婚姻登记证", "登记当事人"),
        ("社会救助受理岗", "社会救助、群众工作、政策咨询", "社会工作者职业资格", (None, None),
         "最低生活保障、特困供养、临时救助申请受理", "困难群众"),
    ],
    "WJJ": [
        ("医疗卫生证照办理岗", "医疗卫生、材料审核、法律法规", "执业医师资格", (None, None),
         "医疗机构执业登记、医师执业注册、公共场所卫生许可", "医疗机构、医务人员和经营单位"),
        ("健康咨询服务岗", "医疗卫生、政策咨询、群众工作", "", (None, None),
         "出生医学证明、预防接种、家庭医生签约政策咨询", "辖区居民"),
    ],
    "JYJ": [
        ("招生入学咨询岗", "教育管理、政策咨询、群众工作", "", (None, None),
         "义务教育招生入学政策咨询、新居民子女入学材料审核", "适龄儿童家长"),
        ("教育政务服务岗", "教育管理、材料审核、档案管理", "", (None, None),
         "教师资格认定、民办学校审批、学历证明材料受理", "教师、举办者和群众"),
    ],
    "SFJ": [
        ("公共法律服务岗", "法律法规、政策咨询、调解纠纷", "法律职业资格", (None, None),
         "法律咨询、法律援助申请受理、公证事项指引", "需要法律服务的群众"),
        ("人民调解服务岗", "调解纠纷、群众工作、法律法规", "", (None, None),
         "邻里、婚姻家庭、劳动争议等矛盾纠纷调解", "纠纷当事人"),
    ],
    "CZJ": [
        ("财政业务咨询岗", "财务会计、政策咨询、统计分析", "会计从业资格", (None, None),
         "财政补助资金政策咨询、会计业务咨询", "企业、单位和群众"),
        ("政府采购服务岗", "财务会计、法律法规、材料审核", "", (None, None),
         "政府采购供应商咨询、采购合同备案、质疑投诉受理", "采购人和供应商"),
    ],
    "JTJ": [
        ("交通运输证照办理岗", "窗口服务、材料审核、驾驶", "", (None, None),
         "道路运输经营许可、从业资格证、营运证办理", "运输企业和从业人员"),
        ("出租车服务投诉受理岗", "调解纠纷、群众工作、驾驶", "", (None, None),
         "出租车、网约车服务质量投诉受理与回访", "乘客和驾驶员"),
    ],
    "NYJ": [
        ("涉农审批服务岗", "材料审核、窗口服务、政策咨询", "", (None, None),
         "农药经营许可、种子生产经营许可、渔业船舶证照受理", "涉农企业和农户"),
        ("农技推广服务岗", "群众工作、政策咨询、统计分析", "", (None, None),
         "农业技术咨询、惠农补贴政策解读", "农户和家庭农场"),
    ],
    "SWU": [
        ("外贸企业服务岗", "外语、政策咨询、企业登记", "", (None, None),
         "对外贸易经营者备案、外贸政策咨询、出口资金申报辅导", "外贸企业"),
        ("商贸流通服务岗", "政策咨询、调解纠纷、材料审核", "", (None, None),
         "单用途预付卡备案、商贸企业扶持政策咨询", "商贸企业和消费者"),
    ],
    "WGLT": [
        ("文旅审批服务岗", "材料审核、窗口服务、法律法规", "", (None, None),
         "营业性演出、娱乐场所、旅行社设立许可受理", "文化旅游经营单位"),
        ("公共文化服务岗", "群众工作、文字写作、普通话", "", (None, None),
         "文化场馆预约、群众文化活动报名与咨询", "辖区群众"),
    ],
    "TYJR": [
        ("退役军人服务岗", "政策咨询、群众工作、档案管理", "", (None, None),
         "退役军人接收安置、信息采集、优待证申领", "退役军人及其家属"),
        ("优抚政策咨询岗", "政策咨询、社会救助、调解纠纷", "", (None, None),
         "优抚对象抚恤补助、困难帮扶政策咨询和申请受理", "优抚对象"),
    ],
    "FGJ": [
        ("投资项目审批服务岗", "规划审批、材料审核、政策咨询", "", (None, None),
         "企业投资项目核准备案、节能审查受理", "投资企业"),
        ("价格政策咨询岗", "政策咨询、统计分析、法律法规", "", (None, None),
         "价格政策咨询、价格认定受理", "企业和群众"),
    ],
}

# A public-facing post of the demo secretary's branch, so the publication in notice shows on the public page.
NOTICE_BRANCH_PUBLIC_POST = (
    "工程建设项目审批代办岗", "规划审批、材料审核、群众工作", "", (None, None),
    "工程建设项目审批全流程代办、联合验收预约", "工程建设项目业主",
)

# Internal posts every branch offers: (title, specialties asked for, duties).
BRANCH_POSTS = [
    ("党建宣传岗", "文字写作、群众工作、信息化",
     "负责支部党建信息报送、先锋岗创建宣传和“三会一课”记录,讲好党员身边故事。"),
    ("业务攻坚岗", "政策咨询、法律法规、统计分析、材料审核",
     "围绕单位重点工作开展政策研究和难题攻坚,牵头梳理办事流程、压减办事材料。"),
]

COMMITMENT = "亮身份、树形象、作表率;首问负责、一次告知、限时办结;零距离、零障碍、零差错、零投诉。"
PROCEDURE = "取号或预约 → 窗口受理、一次性告知 → 材料审核 → 限时办结 → 回访评价"
IDEA = (
    "以“爱我岗位,展我才能,履我职责,争先创优”为主题,围绕服务群众、服务发展,"
    "按照“有岗有为、有为有位”的要求,让每一名党员都有一个适合自己的先锋岗:"
    "党员自我认岗,组织审核定岗,公示接受监督。"
)
STATEMENTS = [
    "我长期在窗口一线工作,熟悉{words}相关业务,愿意在这个岗位上亮身份、作表率。",
    "本人具备{words}方面的专长和经验,能够胜任该岗位,请组织审核。",
    "我熟悉{words},服务群众耐心细致,申请认领该岗位。",
]


def _public_post_fields(spec):
    title, specialties, qualifications, (min_age, max_age), items, targets = spec
    return {
        "title": title, "kind": Post.Kind.PUBLIC,
        "duties": f"在服务窗口办理{items.split('、')[0]}等事项,做到首问负责、一次告知、限时办结;宣传政策,收集群众意见建议。",
        "required_specialties": specialties, "required_qualifications": qualifications,
        "min_age": min_age, "max_age": max_age, "capacity": 2,
        "service_items": items, "service_targets": targets,
        "service_content": f"为{targets}提供{items}的咨询、受理、办理和结果送达服务。",
        "service_procedure": PROCEDURE, "commitments": COMMITMENT,
        "service_materials": "居民身份证原件;申请表(窗口领取或网上下载);其他材料以一次性告知单为准。",
        "time_limit_days": 5, "legal_basis": "《优化营商环境条例》", "service_place_hours": "政务服务中心一楼,工作日 9:00-17:00",
        "consultation_phone": "0571-12345678", "supervision_phone": "12345",
    }


def _branch_post_fields(spec):
    title, specialties, duties = spec
    return {
        "title": title, "kind": Post.Kind.INTERNAL, "duties": duties, "required_specialties": specialties,
        "required_qualifications": "", "min_age": None, "max_age": None, "capacity": 3,
        "service_items": "", "service_targets": "", "service_content": "", "service_procedure": "",
        "commitments": "立足本职、带头攻坚;学在前、干在前、冲在前。",
    }


def _statement(member, post):
    words = "、".join(sorted(keywords(member.specialties))[:2]) or post.title
    return STATEMENTS[int(member.member_no[-1]) % len(STATEMENTS)].format(words=words)


def _spread(items, count):
    """Pick `count` items spread evenly through the list."""
    if count <= 0:
        return []
    step = len(items) / count
    return [items[int(step * k + step / 2)] for k in range(count)]


def load(stdout=None):
    if Round.objects.exists():
        if stdout:
            stdout.write(f"  posts: {Post.objects.count()} posts, {Assignment.objects.live().count()} members hold posts (unchanged)")
        return
    User = get_user_model()
    admin = User.objects.get(username="admin")
    actors = {"XZSP": User.objects.get(username="unit"), "XZSP-1": User.objects.get(username="secretary"),
              "GA-1": User.objects.get(username="secretary2")}
    today = timezone.localdate()
    now = timezone.now()
    round_start = now - datetime.timedelta(days=60)
    decided = now - datetime.timedelta(days=42)
    published = now - datetime.timedelta(days=40)

    units = list(Organisation.objects.units().order_by("pk"))
    branches_of = {u.pk: [] for u in units}
    for branch in Organisation.objects.branches().order_by("code"):
        branches_of[branch.parent_id].append(branch)
    members_of = {}
    for m in Member.objects.in_service().select_related("branch").order_by("member_no"):
        members_of.setdefault(m.branch_id, []).append(m)
    demo_member = Member.objects.filter(user__username="member").first()

    # Posts: units offer public-facing windows, branches internal posts.
    posts = {}
    for unit in units:
        actor = actors.get(unit.code, admin)
        posts[unit.pk] = [catalogue.create_post(actor, organisation=unit, **_public_post_fields(s)) for s in UNIT_POSTS.get(unit.code, [])]
        for branch in branches_of[unit.pk]:
            specs = [_branch_post_fields(s) for s in BRANCH_POSTS]
            if branch.code == NOTICE_BRANCH:
                specs.insert(0, _public_post_fields(NOTICE_BRANCH_PUBLIC_POST))
            posts[branch.pk] = [catalogue.create_post(actors.get(branch.code, admin), organisation=branch, **f) for f in specs]

    # Who goes where: unit window posts first (round-robin over the unit's branches), then branch posts.
    unit_plan, branch_left = {}, {}
    for unit in units:
        capacity = sum(p.capacity for p in posts[unit.pk])
        queues = {b.pk: [m for m in members_of.get(b.pk, []) if m != demo_member] for b in branches_of[unit.pk]}
        if unit.code == "XZSP":
            # Leave the demo secretary's branch enough members for its own round.
            quota = {b.pk: (2 if b.code == NOTICE_BRANCH else capacity) for b in branches_of[unit.pk]}
        else:
            quota = {b.pk: capacity for b in branches_of[unit.pk]}
        chosen = []
        while len(chosen) < capacity and any(queues[b] and quota[b] for b in queues):
            for b in sorted(queues, key=lambda pk: -len(queues[pk])):
                if queues[b] and quota[b] and len(chosen) < capacity:
                    chosen.append(queues[b].pop(0))
                    quota[b] -= 1
        unit_plan[unit.pk] = chosen
        branch_left.update(queues)

    unit_holders = sum(len(v) for v in unit_plan.values())
    everyone_left = [(b, m) for b, ms in branch_left.items() for m in ms]
    notice_branch = Organisation.objects.get(code=NOTICE_BRANCH)
    others = [(b, m) for b, m in everyone_left if b != notice_branch.pk]
    notice_left = branch_left.get(notice_branch.pk, [])
    notice_holders = notice_left[:-1]
    not_holding = set(m.pk for _, m in _spread(others, len(others) - (TARGET_HOLDERS - unit_holders - len(notice_holders))))
    outcome = {}
    for index, (_, m) in enumerate(x for x in others if x[1].pk in not_holding):
        outcome[m.pk] = "pending" if index % 3 == 0 and index // 3 < PENDING - 1 else ("rejected" if index % 3 == 1 and index // 3 < REJECTED else "none")

    def run_round(org, members, *, open_now=False):
        actor = actors.get(org.code, admin)
        opens = today - datetime.timedelta(days=10 if open_now else 60)
        closes = today + datetime.timedelta(days=20) if open_now else today - datetime.timedelta(days=45)
        rnd = nominations.open_round(actor, organisation=org, year=today.year, idea=IDEA, opens_on=opens, closes_on=closes)
        offered = posts[org.pk]
        when = now - datetime.timedelta(days=5) if open_now else round_start
        for i, m in enumerate(members):
            post = offered[i % len(offered)]
            nominations.submit_nomination(actor, round=rnd, post=post, statement=_statement(m, post), member=m, now=when)
        return rnd, actor

    def decide(rnd, actor, at):
        offered = posts[rnd.organisation_id]
        for n in rnd.nominations.select_related("member__branch", "post", "round__organisation").order_by("pk"):
            fate = outcome.get(n.member_id, "hold")
            if fate == "pending":
                continue
            if fate == "rejected":
                review.reject_nomination(actor, nomination=n, reason="本轮该岗位已有更合适人选,建议在下一轮认领其他岗位。", now=at)
            elif n.member_id % 6 == 0 and rnd.organisation.kind == Organisation.Kind.BRANCH:
                other = next(p for p in offered if p.pk != n.post_id and Post.objects.with_holder_count().get(pk=p.pk).places_left)
                review.place_nomination(actor, nomination=n, post=other, reason="结合本人专长和岗位空缺,调整到更适合的岗位。", now=at)
            else:
                review.approve_nomination(actor, nomination=n, now=at)

    for unit in units:
        rnd, actor = run_round(unit, unit_plan[unit.pk])
        decide(rnd, actor, decided)
        nominations.close_round(actor, round=rnd)
        publication.publish_round(actor, round=rnd, now=published)
        for branch in branches_of[unit.pk]:
            if branch.pk == notice_branch.pk:
                continue
            declaring = [m for m in branch_left.get(branch.pk, []) if outcome.get(m.pk) != "none"]
            if not declaring:
                continue
            rnd, actor = run_round(branch, declaring)
            decide(rnd, actor, decided)
            nominations.close_round(actor, round=rnd)
            if not Assignment.objects.filter(round=rnd).approved().exists():
                continue
            if branch.code == held.HELD_BRANCH:
                held.publish_held(actor, rnd, now=now)
            else:
                publication.publish_round(actor, round=rnd, now=published)
    publication.confirm_due_publications(now=now)

    # The demo secretary's branch: round still open, a publication in notice with an objection, one pending.
    rnd, actor = run_round(notice_branch, notice_left, open_now=True)
    pending_member = notice_left[-1] if notice_left else None
    if pending_member is not None:
        outcome[pending_member.pk] = "pending"
    for n in rnd.nominations.select_related("member__branch", "post", "round__organisation").order_by("pk"):
        if outcome.get(n.member_id) != "pending":
            review.approve_nomination(actor, nomination=n, now=now - datetime.timedelta(days=3))
    notice = publication.publish_round(actor, round=rnd, now=now - datetime.timedelta(days=1))
    first = notice.assignments.filter(post__kind=Post.Kind.PUBLIC).select_related("post").first()
    publication.raise_objection(
        None, publication=notice, text="建议在公示中写明该岗位的窗口位置和服务时间,方便群众找到代办人员。", name="市民李先生", assignment=first,
        now=now - datetime.timedelta(hours=20),
    )

    if stdout:
        stdout.write(
            f"  posts: {Post.objects.count()} posts, {Round.objects.count()} rounds, "
            f"{Assignment.objects.live().count()} members hold posts, {Nomination.objects.pending().count()} nominations pending, "
            f"{Publication.objects.in_notice().count()} publications in notice "
            f"({Publication.objects.held(today).count()} held by an unanswered objection)"
        )
