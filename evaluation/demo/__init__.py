"""Demo evaluations on top of the posts demo: last year finished (results published, plaques decided),
this year in the middle of the year-end assessment with votes cast.

Uses whatever windows and confirmed assignments exist; creates nothing when there are none.
Idempotent: a year that exists is left alone, so a second run writes nothing.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from evaluation.models import (
    Activity,
    Ballot,
    CriterionScore,
    EvaluationYear,
    PeerRating,
    Phase,
    QuarterReport,
    Result,
    VoteToken,
)
from evaluation.quarters.services import quarter_dates
from evaluation.results.plaques import decide_plaques
from evaluation.results.services import publish_results
from evaluation.review.services import adjust_result, approve_remaining, approve_result
from evaluation.vote.services import generate_tokens
from evaluation.years.services import create_year, open_assessment, start_quarterly_activity, start_review
from members.models import Role
from posts.models import Assignment, PlaqueApplication, PlaqueRecord, Window

SELF_REPORTS = [
    "本年度坚守窗口岗位,累计受理群众办件{n}件,做到一次性告知、限时办结,无一起有效投诉。认真参加支部“三会一课”和岗位专题学习。",
    "严格履行岗位承诺,推行预约和延时服务,主动为行动不便群众上门服务{n}次。不足之处是业务创新还不够,明年将加强学习。",
    "亮身份、亮职责、亮承诺,佩戴党员徽章上岗。全年办件{n}件,群众满意率高;参与窗口志愿服务,带动身边同事共同提高。",
]
ACTIVITIES = [
    ("study", "支部组织岗位专题学习,学习服务规范和新出台政策"),
    ("service", "开展“党员服务进社区”活动,现场解答群众政策咨询"),
    ("meeting", "召开窗口创建工作推进会,查找问题、明确整改措施"),
    ("other", "开展业务技能比武,评选本季度服务之星"),
]


def _say(stdout, text):
    if stdout is not None:
        stdout.write(text)


def _actor():
    role = Role.objects.filter(kind=Role.Kind.COMMITTEE_STAFF).select_related("user").first()
    return role.user if role else None


def load(stdout=None):
    """Load the demo evaluations; `stdout` (a management command's) hears what was done."""
    if not Assignment.objects.confirmed().filter(post__windows__isnull=False).exists():
        _say(stdout, "Evaluation demo: no windows with confirmed members yet, nothing to do.")
        return
    this_year = timezone.localdate().year
    actor = _actor()
    with transaction.atomic():
        if not EvaluationYear.objects.filter(year=this_year - 1).exists():
            _finished_year(this_year - 1, actor)
            _say(stdout, f"Evaluation demo: {this_year - 1} finished, results published and plaques decided.")
        if not EvaluationYear.objects.filter(year=this_year).exists():
            _year_in_assessment(this_year, actor)
            _say(stdout, f"Evaluation demo: {this_year} in the year-end assessment, votes cast.")
        current = EvaluationYear.objects.get(year=this_year)
        if current.phase == Phase.ASSESSMENT:
            _colleague_login(current)  # also on a database loaded before this login existed


def _quarter_reports(year, windows, quarters, rng, submitted=True):
    now = timezone.now()
    reports = QuarterReport.objects.bulk_create(
        QuarterReport(year=year, window=w, quarter=q, status="submitted" if submitted else "draft",
                      submitted_at=now if submitted else None)
        for w in windows for q in quarters
    )
    activities = []
    for report in reports:
        start, _end = quarter_dates(year.year, report.quarter)
        for kind, text in rng.sample(ACTIVITIES, 2):
            activities.append(Activity(report=report, date=start + datetime.timedelta(days=rng.randint(5, 80)), kind=kind, description=text))
    Activity.objects.bulk_create(activities)


def _fill_sources(year, rng, strong_windows):
    """Self-reports, organisation ratings, criterion scores and peer ratings, in bulk."""
    results = list(year.results.select_related("member"))
    criteria = list(year.criteria.all())
    scores, peers, members = [], [], []
    by_branch = {}
    for result in results:
        if result.kind == Result.Kind.MEMBER:
            result.self_report = rng.choice(SELF_REPORTS).format(n=rng.randint(300, 1500))
            result.self_score = Decimal(rng.randint(85, 98))
            result.organisation_score = Decimal(rng.randint(75, 97))
            members.append(result)
            by_branch.setdefault(result.member.branch_id, []).append(result.member_id)
        else:
            # Strong windows lose a point here and there; the others lose up to two points per criterion.
            strong = result.window_id in strong_windows
            for c in criteria:
                lost = (rng.random() < 0.15) if strong else rng.randint(0, 2)
                points = Decimal(max(c.max_points - int(lost), 0))
                scores.append(CriterionScore(result=result, criterion=c, max_points=c.max_points, score=points, note=""))
    Result.objects.bulk_update(members, ["self_report", "self_score", "organisation_score"])
    CriterionScore.objects.bulk_create(scores)
    for member_ids in by_branch.values():
        for rater in member_ids:
            for rated in member_ids:
                if rater != rated:
                    peers.append(PeerRating(year=year, rater_id=rater, rated_id=rated,
                                            level=rng.choices(["excellent", "competent", "basic"], [5, 4, 1])[0]))
    PeerRating.objects.bulk_create(peers)


def _cast_votes(year, windows, actor, rng, per_window):
    """Print cards and spend some of them: in bulk, as cast_vote would leave them (used tokens, bare ballots)."""
    ballots = []
    for window in windows:
        batch, _codes = generate_tokens(actor, year=year, window=window, size=per_window + 5)
        spent = list(batch.tokens.order_by("?").values_list("pk", flat=True)[:per_window])
        VoteToken.objects.filter(pk__in=spent).update(used=True)
        ballots += [
            Ballot(year=year, window=window, rating=rng.choices(["very_satisfied", "satisfied", "basic", "unsatisfied"], [6, 3, 1, 0.3])[0])
            for _n in range(per_window)
        ]
    rng.shuffle(ballots)
    Ballot.objects.bulk_create(ballots)


def _windows_with_members():
    return list(Window.objects.active().filter(posts__assignments__status=Assignment.Status.CONFIRMED).distinct().order_by("code"))


def _finished_year(number, actor):
    rng = random.Random(number)
    windows = _windows_with_members()
    year = create_year(actor, number=number)
    start_quarterly_activity(actor, year=year)
    _quarter_reports(year, windows, [1, 2, 3, 4], rng)
    year = open_assessment(actor, year=year)
    # Windows whose unit applied to join the campaign this year were not part of it last year:
    # last year's evaluation decides nothing for them, so their application stays the story of their plaque.
    joined_this_year = set(PlaqueRecord.objects.filter(year=number + 1).values_list("window_id", flat=True))
    joined_this_year |= set(PlaqueApplication.objects.filter(year=number + 1).values_list("window_id", flat=True))
    year.results.windows().filter(window_id__in=joined_this_year).delete()
    windows = [w for w in windows if w.pk not in joined_this_year]
    strong = {w.pk for w in windows[::2]}
    _fill_sources(year, rng, strong)
    _cast_votes(year, windows, actor, rng, per_window=year.min_votes + 2)
    year = start_review(actor, year=year)
    adjusted = year.results.windows().order_by("pk").last()
    if adjusted is not None:
        adjust_result(actor, result=adjusted, points=-3, reason="9月窗口发生群众排队时间过长问题,经核查属实,酌情扣分")
    for result in year.results.windows().order_by("pk"):
        approve_result(actor, result=result, committee_score=rng.randint(85, 98))
    approve_remaining(actor, year=year, committee_score=92)
    year = publish_results(actor, year=year)
    decide_plaques(actor, year=year)


def _year_in_assessment(number, actor):
    rng = random.Random(number)
    windows = _windows_with_members()
    year = create_year(actor, number=number)
    start_quarterly_activity(actor, year=year)
    today = timezone.localdate()
    ended = [q for q in (1, 2, 3, 4) if quarter_dates(number, q)[1] < today]
    _quarter_reports(year, windows, ended, rng)
    year = open_assessment(actor, year=year)
    _fill_sources(year, rng, {w.pk for w in windows[1::2]})
    # Half the members have not written their self-report yet.
    open_members = list(year.results.members().order_by("pk"))[::2]
    for result in open_members:
        result.self_report, result.self_score = "", None
    Result.objects.bulk_update(open_members, ["self_report", "self_score"])
    _cast_votes(year, windows, actor, rng, per_window=6)


COLLEAGUE = "colleague"


def _colleague_login(year):
    """A login for a member of the demo branch who is on a post and has not written the self-report yet.

    The `member` login has no post (the posts demo leaves them free to claim one), so it has no evaluation
    this year; `colleague` lets anyone try the self-report and peer review on a phone.
    """
    from django.contrib.auth import get_user_model

    from members.demo import DEMO_PASSWORD

    result = (year.results.members().filter(member__branch__code="XZSP-1", member__user__isnull=True)
              .select_related("member").order_by("member__member_no").first())
    User = get_user_model()
    if result is None or User.objects.filter(username=COLLEAGUE).exists():
        return
    user = User(username=COLLEAGUE, first_name=result.member.name)
    user.set_password(DEMO_PASSWORD)
    user.save()
    type(result.member).objects.filter(pk=result.member_id).update(user=user)
    result.self_report, result.self_score = "", None
    result.save(update_fields=["self_report", "self_score"])

