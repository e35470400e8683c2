"""A district's posts, confirmed holders, rounds, nominations and publications, in bulk."""

from benchmarks.city.people import BATCH
from benchmarks.city.sizes import LAST_YEAR, THIS_YEAR, at
from posts.models import Assignment, Nomination, Post, Publication, Round

# (title, specialties asked for, service items, service targets): public-facing window posts.
PUBLIC_POSTS = [
    ("综合受理岗", "窗口服务、材料审核", "各类审批事项的申请受理、材料初审和一次性告知", "到大厅办事的企业和群众"),
    ("政策咨询导办岗", "政策咨询、群众工作", "政策咨询、办事指南解读、网上办事引导", "企业和群众"),
    ("帮办代办岗", "材料审核、群众工作", "重点项目全程帮办、特殊群体代办、预约延时服务", "重点项目业主、老年人和残疾人"),
    ("证照发放岗", "档案管理、窗口服务", "证照制作、发放和寄递，办结通知", "已办结事项的申请人"),
    ("投诉受理岗", "调解纠纷、法律法规", "投诉举报受理、转办、督办和回访", "投诉人和举报人"),
    ("预约服务岗", "信息化、窗口服务", "电话和网上预约、错时延时服务安排", "需要预约办事的群众"),
]
INTERNAL_POSTS = [
    ("党务宣传岗", "文字写作、信息化"), ("志愿服务岗", "群众工作、普通话"), ("业务指导岗", "政策咨询、法律法规"),
    ("档案管理岗", "档案管理"), ("财务监督岗", "财务会计"), ("信息技术岗", "信息化、统计分析"),
]
DUTIES = "亮身份、亮职责、亮承诺，做到首问负责、一次告知、限时办结；带头学习业务，带动身边同事提高服务水平。"
PROCEDURE = "取号或预约 → 窗口受理、一次性告知 → 审核办理 → 办结通知、评价"
COMMITMENTS = "零距离服务，零障碍办事，零差错工作，零投诉目标。"
ROUND_IDEA = "围绕“服务群众、争先创优”，按照“个人认岗、组织定岗、公示明岗”的步骤开展认岗定岗。"
STATEMENT = "本人熟悉窗口业务，{s}方面有专长，愿意在岗位上亮身份、作表率。"
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def code(rng, length=12):
    # Tracking and publication codes from the seed, so two builds hold the same codes.
    return "".join(rng.choice(ALPHABET) for _ in range(length))


def build_posts(sizes, rng, units, by_unit):
    """Posts spread over units and branches (at most 10 each); about 60% face the public."""
    owners = [org for unit in units for org in [unit, *by_unit[unit.pk]]]
    rows = []
    for n in range(sizes.posts):
        org = owners[n % len(owners)]
        if rng.random() < 0.6:
            title, wanted, items, targets = rng.choice(PUBLIC_POSTS)
            rows.append(Post(
                organisation=org, title=f"{title}（{n // len(owners) + 1}号）", kind=Post.Kind.PUBLIC, duties=DUTIES,
                required_specialties=wanted, capacity=1, service_items=items, service_targets=targets,
                service_content=f"{items}。", service_procedure=PROCEDURE, commitments=COMMITMENTS,
                min_age=None, max_age=rng.choice([None, None, 55, 60]),
            ))
        else:
            title, wanted = rng.choice(INTERNAL_POSTS)
            rows.append(Post(organisation=org, title=f"{title}（{n // len(owners) + 1}号）", kind=Post.Kind.INTERNAL,
                             duties=DUTIES, required_specialties=wanted, capacity=1))
    return Post.objects.bulk_create(rows, batch_size=BATCH)


def build_assignments(sizes, rng, units, by_unit, posts, members, actor):
    """Confirmed holders from last year's rounds: each post's holders come from its branch, or its unit's branches."""
    rounds = Round.objects.bulk_create([
        Round(organisation=unit, year=LAST_YEAR, idea=ROUND_IDEA, opens_on=at(LAST_YEAR, 1, 6).date(),
              closes_on=at(LAST_YEAR, 1, 31).date(), status=Round.Status.CLOSED, created_by=actor)
        for unit in units
    ])
    round_of_unit = {r.organisation_id: r for r in rounds}
    unit_of = {b.pk: unit.pk for unit in units for b in by_unit[unit.pk]}
    free = {}
    for m in members:
        free.setdefault(m.branch_id, []).append(m)
    for pool in free.values():
        rng.shuffle(pool)
    order = list(posts)
    rng.shuffle(order)
    # The public posts first, so every window gets members on duty; then the rest until the target is met.
    order.sort(key=lambda p: p.kind != Post.Kind.PUBLIC)
    extra = sizes.holders - len(order)
    rows, capacities = [], []
    for post in order:
        if len(rows) >= sizes.holders:
            break
        want = 2 if extra > 0 else 1
        extra -= want - 1
        unit_id = post.organisation_id if post.organisation_id in round_of_unit else unit_of[post.organisation_id]
        branches = [post.organisation_id] if post.organisation_id in unit_of else [b.pk for b in by_unit[unit_id]]
        got = 0
        for branch_id in sorted(branches, key=lambda b: -len(free[b])):
            while got < want and free[branch_id]:
                member = free[branch_id].pop()
                rows.append(Assignment(
                    member=member, post=post, status=Assignment.Status.CONFIRMED, reason="经个人认岗、组织定岗，公示无异议。",
                    decided_by=actor, decided_at=at(LAST_YEAR, 2, 10), confirmed_at=at(LAST_YEAR, 2, 20), round=round_of_unit[unit_id],
                ))
                got += 1
        if got > 1:
            post.capacity = got + rng.randint(0, 1)
            capacities.append(post)
    Post.objects.bulk_update(capacities, ["capacity"], batch_size=500)
    assignments = Assignment.objects.bulk_create(rows, batch_size=BATCH)
    publications = Publication.objects.bulk_create([
        Publication(round=r, code=code(rng, 8), title=f"{LAST_YEAR}年度共产党员先锋岗定岗公示", status=Publication.Status.CONFIRMED,
                    published_by=actor, published_at=at(LAST_YEAR, 2, 12), ends_on=at(LAST_YEAR, 2, 19).date(),
                    confirmed_at=at(LAST_YEAR, 2, 20))
        for r in rounds
    ])
    publication_of = {p.round_id: p for p in publications}
    Publication.assignments.through.objects.bulk_create([
        Publication.assignments.through(publication_id=publication_of[a.round.pk].pk, assignment_id=a.pk) for a in assignments
    ], batch_size=BATCH)
    return assignments


def build_open_rounds(sizes, rng, units, by_unit, posts, members, holders, actor):
    """This year's rounds, open: each unit's, and its first branch's (as in the district demo), with nominations awaiting review."""
    first_branches = [by_unit[unit.pk][0] for unit in units if by_unit[unit.pk]]
    rounds = Round.objects.bulk_create([
        Round(organisation=org, year=THIS_YEAR, idea=ROUND_IDEA, opens_on=at(THIS_YEAR, 11, 2).date(),
              closes_on=at(THIS_YEAR, 12, 31).date(), status=Round.Status.OPEN, created_by=actor)
        for org in [*units, *first_branches]
    ])
    held = {a.member_id for a in holders}
    offered_by = {}
    for post in posts:
        offered_by.setdefault(post.organisation_id, []).append(post)
    branch_unit = {b.pk: unit.pk for unit in units for b in by_unit[unit.pk]}
    free = {}
    for m in members:
        if m.pk not in held:
            # A unit's round takes its branches' members; a branch's round its own.
            free.setdefault(branch_unit[m.branch_id], []).append(m)
            free.setdefault(m.branch_id, []).append(m)
    taken = set()
    rows = []
    for r in rounds:
        offered = offered_by.get(r.organisation_id) or []
        candidates = [m for m in free.get(r.organisation_id, []) if m.pk not in taken]
        if not offered:
            continue
        for i, member in enumerate(rng.sample(candidates, min(sizes.nominations_per_round, len(candidates)))):
            taken.add(member.pk)
            rows.append(Nomination(
                round=r, member=member, post=offered[i % len(offered)], statement=STATEMENT.format(s=member.specialties.split("、")[0]),
                status=Nomination.Status.SUBMITTED, created_at=at(THIS_YEAR, 11, 3 + i % 20),
            ))
    return Nomination.objects.bulk_create(rows, batch_size=BATCH)
