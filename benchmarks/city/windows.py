"""A district's service windows, the public's feedback with its steps, and the city's handbook edition."""

import datetime

from benchmarks.city.catalogue import COMMITMENTS, code
from benchmarks.city.people import BATCH
from benchmarks.city.sizes import LAST_YEAR, THIS_YEAR, at
from posts.models import Feedback, FeedbackEvent, HandbookEdition, Post, Window

PLACES = ["行政服务中心一楼A区", "行政服务中心一楼B区", "行政服务中心二楼C区", "行政服务中心二楼D区", "行政服务中心三楼", "办事大厅"]
HOURS = ["工作日 8:30–17:00", "工作日 8:30–17:00，周六上午 9:00–12:00", "工作日 9:00–17:00", "每日 9:00–20:00"]
THEMES = ["爱我岗位,展我才能,履我职责,争先创优", "心系民生,服务为先", "服务发展,改革为民", "忠诚为民,服务优质"]
FEEDBACK_TEXT = {
    "praise": ["窗口工作人员耐心细致，半小时就办好了，点赞！", "一次性告知清楚，没有多跑一趟，谢谢。"],
    "suggestion": ["建议在大厅增加老年人专用座椅和放大镜。", "希望周末也能开放半天。", "建议网上预约开放更多时段。"],
    "complaint": ["排队一个多小时，工作人员中途离开二十分钟无人顶岗。", "材料清单和网上公布的不一致，来回跑了两趟。",
                  "承诺五个工作日办结，超期一周没有任何说明。", "办理时态度生硬，问了两遍就不耐烦。"],
}
REPLY = "已收到，窗口负责人正在核实情况，将尽快答复。"
CONCLUSION = "经核实，已向您说明办理依据和流程，并对相关问题进行整改，感谢您的监督。"
# (status, share): what a year's feedback looks like at the end of November.
PATHS = [("received", 8), ("handling", 10), ("concluded", 47), ("escalated", 5), ("closed", 30)]


def build_windows(sizes, rng, units, by_unit, posts, holders):
    """Each unit's windows share its public posts that have members on duty; returns windows and their holders."""
    held_posts = {}
    for a in holders:
        held_posts.setdefault(a.post_id, []).append(a.member)
    unit_of = {b.pk: unit.pk for unit in units for b in by_unit[unit.pk]} | {u.pk: u.pk for u in units}
    public = {}
    for post in posts:
        if post.kind == Post.Kind.PUBLIC and post.pk in held_posts:
            public.setdefault(unit_of[post.organisation_id], []).append(post)
    windows, links = [], []
    for unit in units:
        theme = rng.choice(THEMES)
        offered = public.get(unit.pk, [])
        for w in range(sizes.windows_per_unit):
            windows.append(Window(
                organisation=unit, code=f"{unit.code}-W{w + 1:02d}", name=f"{unit.name.removesuffix('党组').removesuffix('党委')}{w + 1}号服务窗口",
                location=f"{rng.choice(PLACES)}{w + 1}号", opening_hours=rng.choice(HOURS), phone=unit.contact_phone,
                theme=theme, commitments=COMMITMENTS,
            ))
            share = offered[w::sizes.windows_per_unit] or offered[w % len(offered):][:1] if offered else []
            links.append(share)
    windows = Window.objects.bulk_create(windows, batch_size=BATCH)
    Window.posts.through.objects.bulk_create([
        Window.posts.through(window_id=window.pk, post_id=post.pk) for window, share in zip(windows, links, strict=True) for post in share
    ], batch_size=BATCH)
    on_duty = {window.pk: [m for post in share for m in held_posts[post.pk]] for window, share in zip(windows, links, strict=True)}
    posts_of = {window.pk: share for window, share in zip(windows, links, strict=True)}
    return windows, on_duty, posts_of, held_posts


def build_feedback(sizes, rng, windows, on_duty, actor):
    """Praise, suggestions and complaints over the two years, each in a state its dates and verdicts agree with."""
    rows, paths = [], []
    statuses = [s for s, w in PATHS for _ in range(w)]
    for _n in range(sizes.feedback):
        window = rng.choice(windows)
        kind = rng.choices(["praise", "suggestion", "complaint"], [3, 2, 5])[0]
        year = LAST_YEAR if rng.random() < 0.4 else THIS_YEAR
        sent = at(year, rng.randint(1, 11 if year == THIS_YEAR else 12), rng.randint(1, 28), rng.randint(8, 17))
        status = rng.choice(statuses)
        done = status in ("concluded", "escalated", "closed")
        complaint = kind == "complaint"
        upheld = (rng.random() < 0.35) if complaint and done else None
        satisfied = None
        if done and status != "escalated" and rng.random() < 0.7:
            satisfied = status == "concluded" or rng.random() < 0.5
        if status == "escalated":
            satisfied = False
        staff = on_duty.get(window.pk) or [None]
        rows.append(Feedback(
            window=window, committee_id=window.organisation.committee_id, kind=kind, status=status, tracking_code=code(rng), text=rng.choice(FEEDBACK_TEXT[kind]),
            member=rng.choice(staff) if complaint and rng.random() < 0.5 else None,
            contact_name="市民" if complaint else "", contact_phone=f"139{rng.randint(10000000, 99999999)}" if complaint else "",
            upheld=upheld, serious=bool(upheld) and rng.random() < 0.03,
            created_at=sent, due_at=sent + datetime.timedelta(days=7),
            concluded_at=sent + datetime.timedelta(days=3) if done else None,
            satisfied=satisfied, rated_at=sent + datetime.timedelta(days=4) if satisfied is not None else None,
            reopened_at=sent + datetime.timedelta(days=4) if status == "escalated" else None,
            closed_at=sent + datetime.timedelta(days=8) if status == "closed" else None,
        ))
        paths.append(status)
    feedback = Feedback.objects.bulk_create(rows, batch_size=BATCH)
    events = []
    for fb in feedback:
        events.append(FeedbackEvent(feedback=fb, by="citizen", to_status="received", text="", created_at=fb.created_at))
        if fb.status != "received":
            events.append(FeedbackEvent(feedback=fb, by="unit", author=actor, from_status="received", to_status="handling",
                                        text=REPLY, created_at=fb.created_at + datetime.timedelta(days=1)))
        if fb.concluded_at:
            events.append(FeedbackEvent(feedback=fb, by="unit", author=actor, from_status="handling", to_status="concluded",
                                        text=CONCLUSION, created_at=fb.concluded_at))
        if fb.status == "escalated":
            events.append(FeedbackEvent(feedback=fb, by="citizen", from_status="concluded", to_status="escalated",
                                        text="答复没有回应我反映的核心问题，请党工委复查。", created_at=fb.reopened_at))
        if fb.status == "closed":
            events.append(FeedbackEvent(feedback=fb, by="committee", author=actor, from_status="concluded", to_status="closed",
                                        text="已复核，办理结果属实，予以结案。", created_at=fb.closed_at))
    FeedbackEvent.objects.bulk_create(events, batch_size=BATCH)
    return feedback


def build_handbook(units, windows_by_unit, posts_of, held_posts, actor):
    """Edition 1 of the handbook, in the shape the handbook service compiles: units → windows → posts → members."""
    content = {"units": []}
    count = 0
    for unit in units:
        entry = {"code": unit.code, "name": unit.name, "windows": []}
        for window in windows_by_unit.get(unit.pk, []):
            entry["windows"].append({
                "code": window.code, "name": window.name, "location": window.location, "opening_hours": window.opening_hours,
                "phone": window.phone, "theme": window.theme, "commitments": window.commitments,
                "posts": [
                    {"title": p.title, "duties": p.duties, "service_items": p.service_items, "service_targets": p.service_targets,
                     "service_content": p.service_content, "service_procedure": p.service_procedure, "commitments": p.commitments,
                     "members": [m.name for m in held_posts.get(p.pk, [])]}
                    for p in posts_of.get(window.pk, [])
                ],
            })
            count += 1
        content["units"].append(entry)
    return HandbookEdition.objects.create(
        version=1, title="共产党员先锋岗公开服务手册（全市）", note=f"第一版：全市{count}个创建窗口", content=content,
        window_count=count, published_at=at(THIS_YEAR, 3, 1), published_by=actor,
    )
