"""Demo data for step 4: the document's 39 windows, handbook edition 1, feedback and plaque applications in every state.

Windows are built from each unit's public-facing posts that have confirmed holders (step 3 of the
nominations demo), so the members on duty are never typed twice. Idempotent: windows are found by
code, feedback by tracking code, applications by window and year; a second run writes nothing.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from members.models import Organisation
from posts.feedback import services as fs
from posts.handbook.services import publish_handbook
from posts.models import Assignment, Feedback, HandbookEdition, PlaqueApplication, Post, Window
from posts.plaques import services as ps

COMMITMENTS = "零距离服务：主动迎候，首问负责。\n零障碍办事：一次告知，容缺受理。\n零差错工作：严格规范，限时办结。\n零投诉目标：有诉必应，事事有回音。"

# Unit code → (creation theme, [(window name, location, opening hours, keyword of its posts)]);
# XZSP has three windows, every other unit two: 39. A window takes the unit's public posts whose title holds its keyword.
H = "工作日 8:30–17:00"
WINDOWS = {
    "XZSP": ("爱我岗位,展我才能,履我职责,争先创优", [
        ("企业开办一窗通办窗口", "区行政服务中心一楼A区", "工作日 8:30–17:00，周六上午 9:00–12:00", "企业开办"),
        ("政策咨询导办窗口", "区行政服务中心一楼大厅", H, "咨询"),
        ("帮办代办服务窗口", "区行政服务中心二楼C区", H, "帮办"),
    ]),
    "GA": ("忠诚为民,执法公正,服务优质", [("户籍办理窗口", "区行政服务中心二楼D区", H, "户籍"), ("出入境接待窗口", "区公安分局出入境大厅", "工作日 9:00–17:00，周六全天", "出入境")]),
    "SWJ": ("依法治税,服务为先", [("办税服务厅综合窗口", "区税务局办税服务厅", H, "办税"), ("纳税咨询辅导窗口", "区税务局办税服务厅", H, "纳税")]),
    "SCJG": ("守护安全,服务发展", [("市场主体登记窗口", "区行政服务中心一楼B区", H, "市场主体"), ("食品安全投诉举报窗口", "区市场监管局一楼", H, "食品")]),
    "RSJ": ("心系民生,服务就业", [("社保经办窗口", "区人力社保服务大厅", H, "社保"), ("就业创业服务窗口", "区人力社保服务大厅", H, "就业")]),
    "YBJ": ("医保为民,贴心服务", [("医保结算窗口", "区医保服务大厅", H, "结算"), ("医保政策咨询窗口", "区医保服务大厅", H, "咨询")]),
    "ZJJ": ("安居为民,建设为先", [("建设工程审批窗口", "区行政服务中心二楼C区", H, "建设工程"), ("住房保障服务窗口", "区住建局一楼大厅", H, "住房")]),
    "ZRZY": ("规划先行,服务为民", [("不动产登记窗口", "区不动产登记中心", "工作日 8:30–17:00，周六上午", "不动产"), ("规划咨询窗口", "区行政服务中心二楼C区", H, "规划")]),
    "MZJ": ("民政为民,民政爱民", [("婚姻登记窗口", "区婚姻登记处", H, "婚姻"), ("社会救助服务窗口", "区民政局一楼", H, "救助")]),
    "WJJ": ("健康为民,服务暖心", [("卫生证照办理窗口", "区行政服务中心三楼", H, "证照"), ("健康咨询服务窗口", "区卫健局一楼", "工作日 8:00–16:30", "健康")]),
    "JYJ": ("办人民满意的教育", [("招生入学咨询窗口", "区教育局一楼", H, "招生"), ("教育政务服务窗口", "区行政服务中心三楼", H, "政务")]),
    "SFJ": ("法治为民,公正服务", [("公共法律服务窗口", "区公共法律服务中心", H, "法律"), ("人民调解窗口", "区公共法律服务中心", H, "调解")]),
    "CZJ": ("理财为民,服务高效", [("财政业务咨询窗口", "区财政局一楼", H, "财政"), ("政府采购服务窗口", "区行政服务中心三楼", H, "采购")]),
    "JTJ": ("交通为民,畅行无忧", [("交通运输证照窗口", "区行政服务中心三楼", H, "证照"), ("出租车服务投诉窗口", "区交通运输局一楼", H, "出租车")]),
    "NYJ": ("服务三农,助农增收", [("涉农审批服务窗口", "区行政服务中心三楼", H, "涉农"), ("农技推广服务窗口", "区农业农村局一楼", H, "农技")]),
    "SWU": ("服务企业,促进发展", [("外贸企业服务窗口", "区商务局一楼", H, "外贸"), ("商贸流通服务窗口", "区行政服务中心三楼", H, "商贸")]),
    "WGLT": ("文化惠民,服务群众", [("文旅审批服务窗口", "区行政服务中心三楼", H, "文旅"), ("公共文化服务窗口", "区文化馆", "每日 9:00–20:00", "公共文化")]),
    "TYJR": ("情系老兵,服务为先", [("退役军人服务窗口", "区退役军人服务中心", H, "退役军人"), ("优抚帮扶窗口", "区退役军人服务中心", H, "优抚")]),
    "FGJ": ("服务发展,改革为民", [("投资项目审批窗口", "区行政服务中心二楼C区", H, "投资项目"), ("价格服务窗口", "区发改局一楼", H, "价格")]),
}

# (tracking code, window code, kind, text, days ago, path); path names the steps taken after sending.
FEEDBACK = [
    ("YZDEMQ2A3B4C", "XZSP-W1", "complaint", "上周二在企业开办窗口排队一个多小时，工作人员中途离开二十分钟无人顶岗。", 12, "received"),
    ("YZDEMQ5D6E7F", "XZSP-W1", "complaint", "材料清单和网上公布的不一致，来回跑了两趟。", 3, "handling"),
    ("YZDEMQ8G9H2J", "XZSP-W1", "suggestion", "建议在大厅增加老年人专用座椅和放大镜。", 20, "concluded_satisfied"),
    ("YZDEMQ3K4L5M", "XZSP-W2", "complaint", "营业执照领取时被告知还要补材料，之前没有一次性告知。", 15, "concluded_upheld"),
    ("YZDEMQ6N7P8Q", "XZSP-W2", "praise", "窗口工作人员耐心细致，半小时就办好了企业开办，点赞！", 9, "concluded_satisfied"),
    ("YZDEMQ9R2S3T", "XZSP-W3", "complaint", "帮办代办承诺五个工作日办结，超期一周没有任何说明。", 6, "escalated"),
    ("YZDEMQ4U5V6W", "GA-W1", "complaint", "户口迁移办理时态度生硬，问了两遍就不耐烦。", 30, "closed"),
    ("YZDEMQ7X8Y9Z", "GA-W2", "suggestion", "希望出入境窗口周日也能开放半天。", 2, "received"),
    ("YZDEMQ2B3C4D", "SWJ-W1", "praise", "税务窗口帮我们小微企业讲解减税政策，很专业。", 1, "received"),
]

# (window code, statement, final state); approved gives the "striving" plaque for this year.
APPLICATIONS = [
    ("XZSP-W1", "approved"), ("XZSP-W2", "approved"), ("XZSP-W3", "submitted"), ("GA-W1", "approved"),
    ("GA-W2", "rejected"), ("SWJ-W1", "submitted"), ("SWJ-W2", "withdrawn"), ("SCJG-W1", "approved"),
]
STATEMENT = "本窗口已明确公开服务的党员先锋岗，设置岗位标记，公开服务项目、对象、内容和程序，建立学习、活动和考核制度，具备创建条件，申请参加共产党员先锋岗创建活动。"


def _say(stdout, text):
    if stdout:
        stdout.write(text)


def unit_public_posts(unit):
    """The unit's open public-facing posts that somebody holds, confirmed."""
    held = Assignment.objects.confirmed().values("post_id")
    return list(
        Post.objects.active().public_facing()
        .filter(Q(organisation=unit) | Q(organisation__parent=unit), pk__in=held)
        .order_by("organisation__code", "pk")
    )


def share_posts(posts, keywords):
    """Each window takes the posts named by its keyword; the rest go round the windows; no window stays empty."""
    shares = [[p for p in posts if keyword in p.title] for keyword in keywords]
    taken = {p.pk for share in shares for p in share}
    for i, post in enumerate(p for p in posts if p.pk not in taken):
        shares[i % len(shares)].append(post)
    return [share or [posts[i % len(posts)]] for i, share in enumerate(shares)]


def load(stdout=None):
    User = get_user_model()
    committee_user = User.objects.filter(username="committee").first()
    unit_user = User.objects.filter(username="unit").first()
    units = {o.code: o for o in Organisation.objects.units().filter(code__in=WINDOWS)}
    made, skipped = 0, []
    for code, (theme, windows) in WINDOWS.items():
        unit = units.get(code)
        if unit is None:
            skipped.append(code)
            continue
        posts = unit_public_posts(unit)
        if not posts:
            skipped.append(code)
            continue
        shares = share_posts(posts, [spec[3] for spec in windows])
        for index, (name, location, hours, _keyword) in enumerate(windows):
            window_code = f"{code}-W{index + 1}"
            if Window.objects.filter(code=window_code).exists():
                continue
            window = Window.objects.create(
                organisation=unit, code=window_code, name=name, location=location, opening_hours=hours,
                phone=unit.contact_phone, theme=theme, commitments=COMMITMENTS,
            )
            window.posts.add(*shares[index])
            made += 1
    if skipped:
        _say(stdout, f"  windows: no public-facing posts with confirmed holders yet in {', '.join(skipped)}: no windows there")
    windows = {w.code: w for w in Window.objects.select_related("organisation")}
    if not windows:
        _say(stdout, "  windows: nothing to build on; skipped feedback, plaques and the handbook")
        return

    def actor_for(window):
        return unit_user if window.organisation.code == "XZSP" and unit_user else committee_user

    now = timezone.now()
    for tracking, window_code, kind, text, days_ago, path in FEEDBACK:
        window = windows.get(window_code)
        if window is None or Feedback.objects.filter(tracking_code=tracking).exists():
            continue
        _feedback_path(window, tracking, kind, text, now - datetime.timedelta(days=days_ago), path, actor_for(window), committee_user)

    year = timezone.localdate().year
    for window_code, state in APPLICATIONS:
        window = windows.get(window_code)
        if window is None or PlaqueApplication.objects.filter(window=window, year=year).exists():
            continue
        app = ps.apply_for_plaque(actor_for(window), window=window, year=year, statement=STATEMENT, now=now - datetime.timedelta(days=40))
        if state == "approved":
            ps.approve_plaque_application(committee_user, application=app, note="经初审，创建条件基本具备，同意挂“争创共产党员先锋岗”牌。", now=now - datetime.timedelta(days=30))
        elif state == "rejected":
            ps.reject_plaque_application(committee_user, application=app, reason="岗位标记尚未设置，服务承诺未公开，请完善后重新申报。", now=now - datetime.timedelta(days=30))
        elif state == "withdrawn":
            ps.withdraw_plaque_application(actor_for(window), application=app)

    if not HandbookEdition.objects.exists():
        publish_handbook(committee_user, title="鄞州区直机关共产党员先锋岗公开服务手册", note="第一版：全区39个创建窗口")
    _say(stdout, f"  windows: {Window.objects.count()} windows ({made} new), {Feedback.objects.count()} feedback, "
                 f"{PlaqueApplication.objects.count()} plaque applications, {HandbookEdition.objects.count()} handbook edition(s)")


def _feedback_path(window, tracking, kind, text, sent, path, actor, committee_user):
    day = datetime.timedelta(days=1)
    fb = fs.submit_feedback(None, window=window, kind=kind, text=text, tracking_code=tracking, now=sent,
                            contact_name="市民" if kind == "complaint" else "", contact_phone="13800000000" if kind == "complaint" else "")
    if path == "received":
        return
    fs.respond_to_feedback(actor, feedback=fb, text="已收到，窗口负责人正在核实情况，将尽快答复。", now=sent + day)
    if path == "handling":
        return
    complaint = kind == "complaint"
    upheld = (path == "concluded_upheld") if complaint else None
    conclusion = "经核实，情况属实，已对相关人员批评教育并调整顶岗制度，感谢您的监督。" if upheld else "经核实，已向您说明办理依据和流程，感谢您的反馈。"
    fs.conclude_feedback(actor, feedback=fb, text=conclusion, upheld=upheld, serious=False, now=sent + 2 * day)
    if path in ("concluded_upheld",):
        return
    if path == "concluded_satisfied":
        fs.rate_feedback(None, feedback=fb, satisfied=True, comment="满意，谢谢。", now=sent + 3 * day)
        return
    fs.rate_feedback(None, feedback=fb, satisfied=False, comment="对答复不满意。", now=sent + 3 * day)
    fs.reopen_feedback(None, feedback=fb, reason="答复没有回应我反映的核心问题，请党工委复查。", now=sent + 3 * day)
    if path == "closed":
        fs.close_feedback(committee_user, feedback=fb, text="党工委复查认为投诉属实，已责成单位整改并在全区通报，感谢您的监督。",
                          upheld=True, serious=False, now=sent + 6 * day)
