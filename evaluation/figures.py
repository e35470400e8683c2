"""Step 5 on the dashboards: quarterly activity, how far the year-end evaluation has come, and grades.

Also the member's year-end to-dos on the home page (self-report, colleagues to rate).
"""

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluation.models import Activity, Ballot, EvaluationYear, Grade, PeerRating, Phase, QuarterReport, Result
from evaluation.models.quarters import quarter_name
from evaluation.sources.selectors import peers_to_rate
from members.dashboards import COMMITTEE, Action, Figure, Scope, Stat, Table, figure, link
from members.home import member_action
from pioneer import charts
from posts.models import Window


def _result_q(scope: Scope) -> Q:
    """Evaluation results in scope: members of its branches, and its windows."""
    if scope.organisation is None:
        return Q()
    if scope.is_programme:  # a district's or a city's: the result's own committee column
        return Q(committee=scope.organisation.pk) if scope.level == COMMITTEE else Q(committee__in=scope._districts())
    return Q(kind=Result.Kind.MEMBER) & scope.members("member") | Q(kind=Result.Kind.WINDOW) & scope.q("windows", "window")


@figure("activity")
def quarterly_activity(scope: Scope) -> Figure:
    """Quarterly reports submitted per quarter against the windows that owe one, and activities recorded.

    Four queries: the evaluation year (its deadlines), the windows, the reports and the activities by quarter;
    one when the committee has not set the year up.
    """
    title = _("Quarterly activity, %(year)s") % {"year": scope.year}
    url = link("evaluation:quarters", scope.year)
    year = EvaluationYear.objects.filter(year=scope.year).first()  # 1
    if year is None:
        return Figure("quarterly_activity", title, note=_("The committee has not set up the evaluation of %(year)s.") % {
            "year": scope.year}, url=link("evaluation:year_list"))
    windows = Window.objects.filter(scope.q("windows"), is_active=True).count()  # 2
    reports = {
        r["quarter"]: r["submitted"]
        for r in QuarterReport.objects.filter(scope.q("windows", "window"), year=year).order_by().values("quarter")
        .annotate(submitted=Count("pk", filter=Q(status=QuarterReport.Status.SUBMITTED)))
    }  # 3
    activities = dict(
        Activity.objects.filter(scope.q("windows", "report__window"), report__year=year).order_by()
        .values_list("report__quarter").annotate(n=Count("pk"))
    )  # 4
    today = timezone.localdate()
    # Reports are owed once the year is past its set-up and a quarter's deadline has passed.
    owing = year.phase != Phase.SETUP
    quarters = [quarter_name(q) for q in range(1, 5)]
    rows, missing = [], 0
    for q in range(1, 5):
        submitted = reports.get(q, 0)
        if owing and today > year.quarter_deadline(q):
            late = max(windows - submitted, 0)
            missing += late
        else:
            late = "—"
        rows.append([quarters[q - 1], windows, submitted, late, activities.get(q, 0)])
    table = Table([_("quarter"), _("windows"), _("reports submitted"), _("missing after the deadline"), _("activities")], rows)
    chart = charts.line_chart(
        quarters,
        [charts.Series(_("reports submitted"), [r[2] for r in rows]), charts.Series(_("activities"), [r[4] for r in rows])],
        title=title,
    )
    actions = []
    if not scope.is_programme:
        actions.append(Action(_("quarterly reports not submitted after the deadline"), missing, url, tone="danger"))
    stats = [Stat(_("reports missing after the deadline"), missing, url, tone="danger" if missing else "success")]
    return Figure("quarterly_activity", title, stats=stats, chart=chart, table=table, url=url, actions=actions)


@figure("activity")
def evaluation_progress(scope: Scope) -> Figure:
    """How far the year's evaluation has come, source by source. Three queries."""
    members, windows = Q(kind=Result.Kind.MEMBER), Q(kind=Result.Kind.WINDOW)
    done = Result.objects.filter(_result_q(scope), year__year=scope.year).aggregate(
        members=Count("pk", filter=members),
        windows=Count("pk", filter=windows),
        self_assessed=Count("pk", filter=members & Q(self_score__isnull=False)),
        organisation=Count("pk", filter=Q(organisation_score__isnull=False)),
        committee=Count("pk", filter=Q(committee_score__isnull=False)),
        approved=Count("pk", filter=Q(status__in=[Result.Status.APPROVED, Result.Status.PUBLISHED])),
        # Ratings the organisation still owes while the assessment runs: the secretary's to-do.
        organisation_due=Count("pk", filter=Q(organisation_score__isnull=True, year__phase=Phase.ASSESSMENT)),
    )  # 1
    peers = PeerRating.objects.filter(scope.members("rated"), year__year=scope.year).aggregate(
        ratings=Count("pk"), rated=Count("rated", distinct=True))  # 2
    votes = Ballot.objects.filter(scope.q("windows", "window"), year__year=scope.year).aggregate(
        ballots=Count("pk"), windows=Count("window", distinct=True))  # 3
    total = done["members"] + done["windows"]
    rows = [
        [_("Self-assessment"), done["self_assessed"], done["members"]],
        [_("Peer review"), peers["rated"], done["members"]],
        [_("Public vote"), votes["windows"], done["windows"]],
        [_("Organisation rating"), done["organisation"], total],
        [_("Committee review"), done["committee"], total],
        [_("Approved by the committee"), done["approved"], total],
    ]
    for row in rows:
        row.append(f"{charts.percent(row[1], row[2])}%")
    # Results exist only for a year the committee has set up: only then has the year its own pages.
    url = link("evaluation:results", scope.year) if total else link("evaluation:year_list")
    chart = charts.bar_chart([(r[0], charts.percent(r[1], r[2])) for r in rows],
                             title=_("Evaluation progress by source, %(year)s (%%)") % {"year": scope.year})
    stats = [
        Stat(_("results being assessed"), total, url),
        Stat(_("peer ratings given"), peers["ratings"], url),
        Stat(_("public ballots"), votes["ballots"], url),
    ]
    actions = []
    if not scope.is_programme:
        actions.append(Action(_("organisation ratings not yet given"), done["organisation_due"], url))
    return Figure("evaluation_progress", _("Evaluation progress, %(year)s") % {"year": scope.year}, stats=stats,
                  chart=chart, table=Table([_("source"), _("done"), _("of"), _("share")], rows), url=url, actions=actions)


@figure("activity")
def grades(scope: Scope) -> Figure:
    """Published grades of members and windows by year. One query."""
    rows = (
        Result.objects.filter(_result_q(scope), status=Result.Status.PUBLISHED, year__year__in=scope.years).exclude(grade="")
        .order_by().values("year__year", "grade").annotate(n=Count("pk"))
    )
    counts = {(r["year__year"], r["grade"]): r["n"] for r in rows}
    series = [charts.Series(str(label), [counts.get((y, value), 0) for y in scope.years]) for value, label in Grade.choices]
    chart = charts.stacked_bar_chart([str(y) for y in scope.years], series, title=_("Grades by year"))
    table = Table([_("year")] + [str(label) for _v, label in Grade.choices],
                  [[str(y)] + [counts.get((y, value), 0) for value, _l in Grade.choices] for y in scope.years])
    this_year = [Stat(str(label), counts.get((scope.year, value), 0)) for value, label in Grade.choices]
    return Figure("grades", _("Grade distribution"), stats=this_year, chart=chart, table=table,
                  url=link("evaluation:year_list"),
                  note=_("Published results of members on posts and of windows; the numbers above are %(year)s's.") % {"year": scope.year})


@member_action
def evaluation_actions(member) -> list[Action]:
    """During the year-end assessment: the member's self-report, and the colleagues they have still to rate. Up to three queries."""
    year = EvaluationYear.objects.filter(phase=Phase.ASSESSMENT).order_by("-year").first()  # 1
    if year is None:
        return []
    actions = []
    own = Result.objects.filter(year=year, kind=Result.Kind.MEMBER, member=member).values("self_score", "status").first()  # 2
    if own is not None and own["self_score"] is None and own["status"] == Result.Status.OPEN:
        actions.append(Action(_("Write your self-report and self-assessment for %(year)s") % {"year": year.year}, 0,
                              link("evaluation:self_assessment", year.year)))
    peers = (
        peers_to_rate(year, member)
        .aggregate(total=Count("pk", distinct=True),
                   rated=Count("pk", distinct=True, filter=Q(Exists(
                       PeerRating.objects.filter(year=year, rater=member, rated=OuterRef("pk")))))))  # 3
    if peers["total"] > peers["rated"]:
        actions.append(Action(_("Colleagues to rate in peer review"), peers["total"] - peers["rated"],
                              link("evaluation:peer_review", year.year)))
    return actions
