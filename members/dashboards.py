"""The programme's figures, one function per figure, each taking a `Scope`.

A figure function runs a fixed number of aggregate queries (its docstring says
how many) and returns a `Figure`: headline numbers (`Stat`), an optional chart
and the table behind it, the list it links to, and the `Action`s it asks of a
secretary today. The dashboards render figures generically, so adding a figure
is one function with the `@figure(...)` decorator; nothing else changes.

Scope decides which rows count: the whole programme (committee), a unit with
its branches, or one branch. Access is not decided here: the views only build a
scope for an organisation `members.access` says the user manages.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, ExtractMonth
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.dates import MONTHS_AP
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.models import Member, Organisation
from pioneer import charts

COMMITTEE, UNIT, BRANCH = Organisation.Kind.COMMITTEE, Organisation.Kind.UNIT, Organisation.Kind.BRANCH
ALL_LEVELS = frozenset({COMMITTEE, UNIT, BRANCH})
YEARS_SHOWN = 5


# ---------------------------------------------------------------------------
# What a figure is made of
# ---------------------------------------------------------------------------


@dataclass
class Stat:
    """One number with its label, and the list behind it."""

    label: str
    value: int | str
    url: str = ""
    note: str = ""
    tone: str = ""  # "", "success", "warning" or "danger": Bootstrap's colour words


@dataclass
class Table:
    """The numbers behind a chart: a header row and body rows (first cell is the row's label)."""

    headers: list[str]
    rows: list[list]
    links: list[str] | None = None  # per row: where the row's label links (a dashboard of that organisation)

    def column(self, index: int) -> list:
        return [row[index] for row in self.rows]

    def linked_rows(self):
        links = self.links or [""] * len(self.rows)
        return list(zip(links, self.rows, strict=True))


@dataclass
class Action:
    """Something a secretary should do today: how many, and where to do it."""

    label: str
    count: int
    url: str = ""
    tone: str = "warning"


@dataclass
class Figure:
    key: str
    title: str
    stats: list[Stat] = field(default_factory=list)
    chart: SafeString | None = None
    table: Table | None = None
    url: str = ""
    note: str = ""
    actions: list[Action] = field(default_factory=list)
    wide: bool = False  # a wide table: the whole row even on large screens
    section: str = ""  # set from the registry

    @property
    def half(self) -> bool:
        """A chart without headline numbers shares a row with another on large screens."""
        return bool(self.chart) and not self.stats and not self.wide


@dataclass(frozen=True)
class Scope:
    """Which part of the programme a dashboard counts, and for which year."""

    organisation: Organisation | None = None  # None: the whole programme
    year: int = 0

    @classmethod
    def programme(cls, year: int | None = None) -> "Scope":
        return cls(None, year or timezone.localdate().year)

    @property
    def level(self) -> str:
        return COMMITTEE if self.organisation is None or self.organisation.kind == COMMITTEE else self.organisation.kind

    def orgs(self, path: str = "") -> Q:
        """A Q over Organisation (or a relation to it at `path`): this organisation and, for a unit, its branches."""
        if self.level == COMMITTEE:
            return Q()
        prefix = f"{path}__" if path else ""
        q = Q(**{f"{prefix}pk": self.organisation.pk})
        if self.level == UNIT:
            q |= Q(**{f"{prefix}parent": self.organisation.pk})
        return q

    def windows_q(self, path: str = "") -> Q:
        """A Q over Window (or a relation to it at `path`).

        Windows belong to units; a branch sees the windows where its own posts serve.
        """
        from posts.models import Window

        prefix = f"{path}__" if path else ""
        if self.level == COMMITTEE:
            return Q()
        if self.level == UNIT:
            return Q(**{f"{prefix}organisation": self.organisation.pk})
        served = Window.posts.through.objects.filter(post__organisation=self.organisation.pk).values("window_id")
        return Q(**{f"{prefix}pk__in": served})

    def with_year(self, year: int) -> "Scope":
        return Scope(self.organisation, year)

    @property
    def start(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime(self.year, 1, 1))

    @property
    def end(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime(self.year + 1, 1, 1))

    @property
    def years(self) -> list[int]:
        return list(range(self.year - YEARS_SHOWN + 1, self.year + 1))


# ---------------------------------------------------------------------------
# The registry
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Registered:
    key: str
    section: str
    levels: frozenset
    function: Callable[[Scope], Figure | None]


FIGURES: list[Registered] = []

SECTIONS = [
    ("headline", gettext_lazy("Where the programme stands")),
    ("posts", gettext_lazy("Posts and members on posts")),
    ("nominations", gettext_lazy("Nomination and publication")),
    ("feedback", gettext_lazy("The public's feedback")),
    ("activity", gettext_lazy("Quarterly activity and evaluation")),
    ("plaques", gettext_lazy("Plaques")),
    ("organisations", gettext_lazy("By organisation")),
]


def figure(section: str, *, levels=ALL_LEVELS):
    """Register a figure function for a dashboard section and the levels (committee, unit, branch) it shows on."""

    def register(function):
        FIGURES.append(Registered(function.__name__, section, frozenset(levels), function))
        return function

    return register


def figures_for(scope: Scope) -> list[Figure]:
    result = []
    for registered in FIGURES:
        if scope.level in registered.levels:
            fig = registered.function(scope)
            if fig is not None:
                fig.section = registered.section
                result.append(fig)
    return result


@dataclass
class Dashboard:
    scope: Scope
    figures: list[Figure]

    @property
    def sections(self) -> list[tuple[str, str, list[Figure]]]:
        grouped = []
        for section, title in SECTIONS:
            figures = [f for f in self.figures if f.section == section]
            if figures:
                grouped.append((section, str(title), figures))
        return grouped

    @property
    def actions(self) -> list[Action]:
        return [a for f in self.figures for a in f.actions if a.count]

    def get(self, key: str) -> Figure | None:
        return next((f for f in self.figures if f.key == key), None)


def build(scope: Scope) -> Dashboard:
    return Dashboard(scope, figures_for(scope))


# ---------------------------------------------------------------------------
# Links to the lists behind the figures
# ---------------------------------------------------------------------------


def link(name: str, *args, **query) -> str:
    """The URL of a list, or "" while that list does not exist yet (another part of the programme may add it)."""
    try:
        url = reverse(name, args=args)
    except NoReverseMatch:
        return ""
    query = {k: v for k, v in query.items() if v not in (None, "")}
    return f"{url}?{urlencode(query)}" if query else url


def _branch_param(scope: Scope):
    return scope.organisation.pk if scope.level == BRANCH else None


def _live_assignment(member_ref="pk"):
    from posts.models import Assignment

    return Assignment.objects.live().filter(member=OuterRef(member_ref))


# ---------------------------------------------------------------------------
# The figures
# ---------------------------------------------------------------------------


def headline_numbers(scope: Scope | None = None) -> dict:
    """The document's four headline figures, live, and members without posts. Three queries."""
    from posts.models import Window

    scope = scope or Scope.programme()
    numbers = Organisation.objects.filter(scope.orgs(), is_active=True).aggregate(
        units=Count("pk", filter=Q(kind=UNIT)), branches=Count("pk", filter=Q(kind=BRANCH))
    )  # 1
    numbers |= Window.objects.filter(scope.windows_q()).aggregate(windows=Count("pk", filter=Q(is_active=True)))  # 2
    members = _member_counts(scope)  # 3
    numbers |= {"members": members["total"], "on_post": members["on_post"], "without_post": members["without_post"]}
    return numbers


@figure("headline")
def headline(scope: Scope) -> Figure:
    """The document's four headline figures, live, and members without posts. Three queries."""
    numbers = headline_numbers(scope)
    stats = []
    if scope.level == COMMITTEE:
        stats.append(Stat(_("unit party organisations"), numbers["units"], link("members:organisation_list")))
    if scope.level != BRANCH:
        stats.append(Stat(_("branches"), numbers["branches"], link("members:organisation_list")))
    members_url = link("members:list", branch=_branch_param(scope), post="without")
    stats += [
        Stat(_("service windows"), numbers["windows"], link("posts:window_list")),
        Stat(_("members on pioneer posts"), numbers["on_post"], link("posts:post_list")),
        Stat(_("members without a post"), numbers["without_post"], members_url,
             note=_("of %(n)s in service") % {"n": numbers["members"]},
             tone="warning" if numbers["without_post"] else "success"),
    ]
    actions = []
    if scope.level != COMMITTEE:
        actions.append(Action(_("members in service without a post: place them on one"), numbers["without_post"], members_url))
    return Figure("headline", _("Headline figures, live"), stats=stats, actions=actions)


def _member_counts(scope: Scope) -> dict:
    """One query: members in service, how many hold a live post, how many do not."""
    counts = Member.objects.in_service().filter(scope.orgs("branch")).aggregate(
        total=Count("pk"), on_post=Count("pk", filter=Q(Exists(_live_assignment())))
    )
    counts["without_post"] = counts["total"] - counts["on_post"]
    return counts


@figure("posts")
def posts(scope: Scope) -> Figure:
    """Posts offered: unfilled, partly filled, full; and assignments by state (steps 2 and 3). Two queries."""
    from posts.models import Assignment, Post

    holders = Coalesce(
        Subquery(
            Assignment.objects.live().filter(post=OuterRef("pk")).order_by().values("post")
            .annotate(n=Count("pk")).values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )
    offered = (
        Post.objects.active().filter(scope.orgs("organisation")).annotate(holders=holders)
        .aggregate(
            total=Count("pk"),
            unfilled=Count("pk", filter=Q(holders=0)),
            full=Count("pk", filter=Q(holders__gte=F("capacity"))),
        )
    )
    offered["partly"] = offered["total"] - offered["unfilled"] - offered["full"]
    states = Assignment.objects.filter(scope.orgs("post__organisation")).aggregate(
        approved=Count("pk", filter=Q(status=Assignment.Status.APPROVED)),
        published=Count("pk", filter=Q(status=Assignment.Status.PUBLISHED)),
        confirmed=Count("pk", filter=Q(status=Assignment.Status.CONFIRMED)),
    )
    post_list = link("posts:post_list")
    rows = [
        [_("unfilled"), offered["unfilled"]],
        [_("partly filled"), offered["partly"]],
        [_("full"), offered["full"]],
    ]
    assignment_rows = [
        [Assignment.Status.APPROVED.label, states["approved"]],
        [Assignment.Status.PUBLISHED.label, states["published"]],
        [Assignment.Status.CONFIRMED.label, states["confirmed"]],
    ]
    table = Table([_("posts"), _("count")], rows)
    chart = charts.bar_chart([(label, n) for label, n in rows + assignment_rows], title=_("Posts and assignments"))
    stats = [
        Stat(_("posts offered"), offered["total"], post_list),
        Stat(_("posts unfilled"), offered["unfilled"], post_list, tone="warning" if offered["unfilled"] else ""),
        Stat(_("posts full"), offered["full"], post_list),
        Stat(_("assignments in public notice"), states["published"], link("posts:post_list")),
    ]
    table.rows += assignment_rows
    actions = []
    if scope.level != COMMITTEE:
        actions.append(Action(_("assignments set but not yet published"), states["approved"], link("posts:post_list")))
    return Figure("posts", _("Posts unfilled or full"), stats=stats, chart=chart, table=table, url=post_list, actions=actions)


@figure("nominations")
def nominations(scope: Scope) -> Figure:
    """Rounds of the year (open now), self-nominations of the year by state (steps 1 and 2). Two queries."""
    from posts.models import Nomination, Round

    today = timezone.localdate()
    rounds = Round.objects.filter(scope.orgs("organisation"), year=scope.year).aggregate(
        total=Count("pk"),
        open=Count("pk", filter=Q(status=Round.Status.OPEN, opens_on__lte=today, closes_on__gte=today)),
    )  # 1
    by_status = Nomination.objects.filter(scope.orgs("round__organisation"), round__year=scope.year).aggregate(
        **{status.value: Count("pk", filter=Q(status=status)) for status in Nomination.Status}
    )  # 2
    url = link("posts:round_list")
    rows = [[status.label, by_status[status.value]] for status in Nomination.Status]
    pending = by_status[Nomination.Status.SUBMITTED]
    stats = [
        Stat(_("nomination rounds in %(year)s") % {"year": scope.year}, rounds["total"], url),
        Stat(_("rounds open now"), rounds["open"], url),
        Stat(_("nominations awaiting review"), pending, url, tone="warning" if pending else ""),
        Stat(_("approved or placed"), by_status[Nomination.Status.APPROVED] + by_status[Nomination.Status.PLACED], url),
    ]
    actions = [Action(_("self-nominations awaiting your review"), pending, url)] if scope.level != COMMITTEE else []
    return Figure("nominations", _("Self-nominations, %(year)s") % {"year": scope.year}, stats=stats,
                  chart=charts.bar_chart(rows, title=_("Self-nominations by state")), table=Table([_("state"), _("count")], rows),
                  url=url, actions=actions)


@figure("nominations")
def publications(scope: Scope) -> Figure:
    """Publications in notice (and past their notice period), objections open and answered (step 3). Two queries."""
    from posts.models import Objection, Publication

    today = timezone.localdate()
    notice = Q(status=Publication.Status.NOTICE)
    pubs = Publication.objects.filter(scope.orgs("round__organisation")).aggregate(
        in_notice=Count("pk", filter=notice & Q(ends_on__gte=today)),
        due=Count("pk", filter=notice & Q(ends_on__lt=today)),
        confirmed=Count("pk", filter=Q(status=Publication.Status.CONFIRMED, confirmed_at__gte=scope.start,
                                       confirmed_at__lt=scope.end)),
    )  # 1
    objections = Objection.objects.filter(scope.orgs("publication__round__organisation")).aggregate(
        open=Count("pk", filter=Q(status=Objection.Status.OPEN)),
        raised=Count("pk", filter=Q(created_at__gte=scope.start, created_at__lt=scope.end)),
    )  # 2
    url = link("posts:round_list")
    stats = [
        Stat(_("publications in notice"), pubs["in_notice"], url),
        Stat(_("notice ended, not yet confirmed"), pubs["due"], url, tone="warning" if pubs["due"] else ""),
        Stat(_("confirmed in %(year)s") % {"year": scope.year}, pubs["confirmed"], url),
        Stat(_("objections awaiting an answer"), objections["open"], url, tone="danger" if objections["open"] else "",
             note=_("%(n)s raised in %(year)s") % {"n": objections["raised"], "year": scope.year}),
    ]
    actions = []
    if scope.level != COMMITTEE:
        actions = [
            Action(_("objections awaiting your answer"), objections["open"], url, tone="danger"),
            Action(_("publications whose notice has ended: confirm them"), pubs["due"], url),
        ]
    return Figure("publications", _("Publication and objections"), stats=stats, url=url, actions=actions)


def _open_feedback_q(prefix: str = "") -> Q:
    from posts.models import Feedback

    return Q(**{f"{prefix}status__in": Feedback.OPEN})


@figure("feedback")
def feedback(scope: Scope) -> Figure:
    """Feedback received in the year by state, open now, overdue now, concluded in the year, satisfaction. One query."""
    from posts.models import Feedback

    now = timezone.now()
    in_year = Q(created_at__gte=scope.start, created_at__lt=scope.end)
    counts = Feedback.objects.filter(scope.windows_q("window")).aggregate(
        received=Count("pk", filter=in_year),
        open=Count("pk", filter=_open_feedback_q()),
        overdue=Count("pk", filter=_open_feedback_q() & Q(due_at__lt=now)),
        concluded=Count("pk", filter=Q(status__in=[Feedback.Status.CONCLUDED, Feedback.Status.CLOSED],
                                       concluded_at__gte=scope.start, concluded_at__lt=scope.end)),
        complaints=Count("pk", filter=in_year & Q(kind=Feedback.Kind.COMPLAINT)),
        upheld=Count("pk", filter=in_year & Q(kind=Feedback.Kind.COMPLAINT, upheld=True)),
        **{f"state_{state.value}": Count("pk", filter=in_year & Q(status=state)) for state in Feedback.Status},
        # The public rates the answer to their feedback: satisfied or not.
        rated=Count("pk", filter=in_year & Q(satisfied__isnull=False)),
        satisfied=Count("pk", filter=in_year & Q(satisfied=True)),
    )
    url = link("posts:feedback_inbox", show="all")
    stats = [
        Stat(_("received in %(year)s") % {"year": scope.year}, counts["received"], url),
        Stat(_("open now"), counts["open"], link("posts:feedback_inbox", show="open")),
        Stat(_("overdue"), counts["overdue"], link("posts:feedback_inbox", show="overdue"),
             tone="danger" if counts["overdue"] else "success"),
        Stat(_("concluded in %(year)s") % {"year": scope.year}, counts["concluded"], link("posts:feedback_inbox", show="concluded")),
        Stat(_("complaints upheld in %(year)s") % {"year": scope.year}, counts["upheld"], url,
             note=_("of %(n)s complaints") % {"n": counts["complaints"]}),
    ]
    stats.append(Stat(_("satisfied with the answer"), f"{charts.percent(counts['satisfied'], counts['rated'])}%"
                      if counts["rated"] else "—", url, note=_("%(n)s rated the answer") % {"n": counts["rated"]}))
    rows = [[state.label, counts[f"state_{state.value}"]] for state in Feedback.Status]
    chart = charts.bar_chart(rows, title=_("Feedback received in %(year)s by state") % {"year": scope.year})
    actions = []
    if scope.level != COMMITTEE:
        actions.append(Action(_("feedback past its answer date"), counts["overdue"],
                              link("posts:feedback_inbox", show="overdue"), tone="danger"))
    return Figure("feedback", _("Feedback received, open, overdue and concluded"), stats=stats, chart=chart,
                  table=Table([_("state"), _("count")], rows), url=url, actions=actions)


@figure("feedback")
def feedback_by_month(scope: Scope) -> Figure:
    """Feedback received per month of the year, by kind. One query."""
    from posts.models import Feedback

    rows = (
        Feedback.objects.filter(scope.windows_q("window"), created_at__gte=scope.start, created_at__lt=scope.end)
        .annotate(month=ExtractMonth("created_at")).order_by().values("month", "kind").annotate(n=Count("pk"))
    )
    counts = {(r["month"], r["kind"]): r["n"] for r in rows}
    kinds = list(Feedback.Kind)
    months = [_month_label(m) for m in range(1, 13)]
    series = [charts.Series(k.label, [counts.get((m, k.value), 0) for m in range(1, 13)]) for k in kinds]
    table = Table(
        [_("month")] + [k.label for k in kinds] + [_("total")],
        [[months[m - 1]] + [counts.get((m, k.value), 0) for k in kinds] + [sum(counts.get((m, k.value), 0) for k in kinds)]
         for m in range(1, 13)],
    )
    chart = charts.stacked_bar_chart(months, series, title=_("Feedback by month, %(year)s") % {"year": scope.year})
    return Figure("feedback_by_month", _("Feedback by month, %(year)s") % {"year": scope.year}, chart=chart, table=table,
                  url=link("posts:feedback_inbox", show="all"))


def _month_label(month: int) -> str:
    return str(MONTHS_AP[month])


@figure("feedback")
def feedback_by_window(scope: Scope) -> Figure:
    """Per window in the year: praise, suggestions, complaints, upheld; and satisfaction with the answers. One query.

    Satisfaction is the share of the people who rated the answer to their feedback that were satisfied with it.
    """
    from posts.models import Feedback, Window

    in_year = Q(feedback__created_at__gte=scope.start, feedback__created_at__lt=scope.end)
    rows = (
        Window.objects.filter(scope.windows_q(), is_active=True)
        .annotate(
            praise=Count("feedback", filter=in_year & Q(feedback__kind=Feedback.Kind.PRAISE)),
            suggestions=Count("feedback", filter=in_year & Q(feedback__kind=Feedback.Kind.SUGGESTION)),
            complaints=Count("feedback", filter=in_year & Q(feedback__kind=Feedback.Kind.COMPLAINT)),
            upheld=Count("feedback", filter=in_year & Q(feedback__kind=Feedback.Kind.COMPLAINT, feedback__upheld=True)),
            rated=Count("feedback", filter=in_year & Q(feedback__satisfied__isnull=False)),
            satisfied=Count("feedback", filter=in_year & Q(feedback__satisfied=True)),
        )
        .order_by("organisation__code", "code")
        .values("pk", "name", "praise", "suggestions", "complaints", "upheld", "rated", "satisfied")
    )
    table_rows, chart_rows = [], []
    for r in rows:
        share = charts.percent(r["satisfied"], r["rated"])
        table_rows.append([r["name"], r["praise"], r["suggestions"], r["complaints"], r["upheld"], r["rated"],
                           f"{share}%" if r["rated"] else "—"])
        if r["rated"]:
            chart_rows.append((r["name"], share))
    headers = [_("service window"), _("praise"), _("suggestions"), _("complaints"), _("upheld"), _("answers rated"), _("satisfied")]
    return Figure(
        "feedback_by_window", _("Satisfaction by window, %(year)s") % {"year": scope.year},
        chart=charts.bar_chart(chart_rows, title=_("Satisfaction by window, %(year)s (%%)") % {"year": scope.year}),
        table=Table(headers, table_rows), url=link("posts:window_list"),
        note=_("Satisfied: the share of people who rated the answer to their feedback and were satisfied with it."),
    )


def _result_q(scope: Scope) -> Q:
    """Evaluation results in scope: members of its branches, and its windows."""
    if scope.level == COMMITTEE:
        return Q()
    from evaluation.models import Result

    return Q(kind=Result.Kind.MEMBER) & scope.orgs("member__branch") | Q(kind=Result.Kind.WINDOW) & scope.windows_q("window")


@figure("activity")
def quarterly_activity(scope: Scope) -> Figure:
    """Quarterly reports submitted per quarter against the windows that owe one, and activities recorded.

    Four queries: the evaluation year (its deadlines), the windows, the reports and the activities by quarter;
    one when the committee has not set the year up.
    """
    from evaluation.models import Activity, EvaluationYear, Phase, QuarterReport
    from posts.models import Window

    title = _("Quarterly activity, %(year)s") % {"year": scope.year}
    url = link("evaluation:quarters", scope.year)
    year = EvaluationYear.objects.filter(year=scope.year).first()  # 1
    if year is None:
        return Figure("quarterly_activity", title, note=_("The committee has not set up the evaluation of %(year)s.") % {
            "year": scope.year}, url=link("evaluation:year_list"))
    windows = Window.objects.filter(scope.windows_q(), is_active=True).count()  # 2
    reports = {
        r["quarter"]: r["submitted"]
        for r in QuarterReport.objects.filter(scope.windows_q("window"), year=year).order_by().values("quarter")
        .annotate(submitted=Count("pk", filter=Q(status=QuarterReport.Status.SUBMITTED)))
    }  # 3
    activities = dict(
        Activity.objects.filter(scope.windows_q("report__window"), report__year=year).order_by()
        .values_list("report__quarter").annotate(n=Count("pk"))
    )  # 4
    today = timezone.localdate()
    # Reports are owed once the year is past its set-up and a quarter's deadline has passed.
    owing = year.phase != Phase.SETUP
    quarters = [_("Q%(quarter)s") % {"quarter": q} for q in range(1, 5)]
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
    if scope.level != COMMITTEE:
        actions.append(Action(_("quarterly reports not submitted after the deadline"), missing, url, tone="danger"))
    stats = [Stat(_("reports missing after the deadline"), missing, url, tone="danger" if missing else "success")]
    return Figure("quarterly_activity", title, stats=stats, chart=chart, table=table, url=url, actions=actions)


@figure("activity")
def evaluation_progress(scope: Scope) -> Figure:
    """How far the year's evaluation has come, source by source. Three queries."""
    from evaluation.models import Ballot, PeerRating, Phase, Result

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
    peers = PeerRating.objects.filter(scope.orgs("rated__branch"), year__year=scope.year).aggregate(
        ratings=Count("pk"), rated=Count("rated", distinct=True))  # 2
    votes = Ballot.objects.filter(scope.windows_q("window"), year__year=scope.year).aggregate(
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
    if scope.level != COMMITTEE:
        actions.append(Action(_("organisation ratings not yet given"), done["organisation_due"], url))
    return Figure("evaluation_progress", _("Evaluation progress, %(year)s") % {"year": scope.year}, stats=stats,
                  chart=chart, table=Table([_("source"), _("done"), _("of"), _("share")], rows), url=url, actions=actions)


@figure("activity")
def grades(scope: Scope) -> Figure:
    """Published grades of members and windows by year. One query."""
    from evaluation.models import Grade, Result

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


@figure("plaques")
def plaques(scope: Scope) -> Figure:
    """Plaques by year and level, the year against the one before, and the year's decisions by change. One query."""
    from posts.models import PlaqueRecord

    first = scope.years[0]
    rows = (
        PlaqueRecord.objects.filter(scope.windows_q("window"), year__gte=first - 1, year__lte=scope.year)
        .order_by().values("year", "level", "change").annotate(n=Count("pk"))
    )
    counts, changes = {}, {}
    for r in rows:
        counts[(r["year"], r["level"])] = counts.get((r["year"], r["level"]), 0) + r["n"]
        if r["year"] == scope.year and r["change"]:
            changes[r["change"]] = changes.get(r["change"], 0) + r["n"]
    levels = [PlaqueRecord.Level.PIONEER, PlaqueRecord.Level.STRIVING, PlaqueRecord.Level.NONE]
    series = [charts.Series(level.label, [counts.get((y, level.value), 0) for y in scope.years]) for level in levels]
    chart = charts.stacked_bar_chart([str(y) for y in scope.years], series[:2], title=_("Plaques by year"))
    table = Table([_("year")] + [level.label for level in levels],
                  [[str(y)] + [counts.get((y, level.value), 0) for level in levels] for y in scope.years])
    url = link("posts:plaque_overview")
    stats = []
    for level in levels[:2]:
        now, before = counts.get((scope.year, level.value), 0), counts.get((scope.year - 1, level.value), 0)
        change = now - before
        stats.append(Stat(level.label, now, url, note=_("%(change)s since %(year)s") % {
            "change": f"{change:+d}", "year": scope.year - 1}, tone="success" if change > 0 else ("danger" if change < 0 else "")))
    # Each decision's change against the window's year before: awarded, kept, upgraded, downgraded, withdrawn.
    note = _("Decisions for %(year)s: %(changes)s") % {"year": scope.year, "changes": " · ".join(
        f"{label} {changes.get(value, 0)}" for value, label in PlaqueRecord.Change.choices)}
    return Figure("plaques", _("Plaques by status, %(year)s") % {"year": scope.year}, stats=stats, chart=chart, table=table,
                  url=url, note=note)


@figure("organisations", levels={COMMITTEE, UNIT})
def by_organisation(scope: Scope) -> Figure:
    """Members, members on posts, posts and open feedback per unit (committee) or per branch (unit). Four queries."""
    from posts.models import Feedback, Post

    if scope.level == COMMITTEE:
        children = Organisation.objects.filter(kind=UNIT, is_active=True)
        member_key, post_unit = "branch__parent", True
    else:
        children = Organisation.objects.filter(parent=scope.organisation.pk, is_active=True)
        member_key, post_unit = "branch", False
    children = list(children.order_by("code").values("pk", "name"))  # 1
    members = {
        r["key"]: r
        for r in Member.objects.in_service().filter(scope.orgs("branch")).order_by()
        .values(key=F(member_key)).annotate(total=Count("pk"), on_post=Count("pk", filter=Q(Exists(_live_assignment()))))
    }  # 2
    if post_unit:
        post_rows = (
            Post.objects.active().order_by()
            .values("organisation_id", "organisation__parent_id", "organisation__kind").annotate(n=Count("pk"))
        )
        posts_by = {}
        for r in post_rows:  # 3: one row per organisation that offers posts
            key = r["organisation_id"] if r["organisation__kind"] == UNIT else r["organisation__parent_id"]
            posts_by[key] = posts_by.get(key, 0) + r["n"]
    else:
        posts_by = {
            r["organisation_id"]: r["n"]
            for r in Post.objects.active().filter(organisation__parent=scope.organisation.pk).order_by()
            .values("organisation_id").annotate(n=Count("pk"))
        }  # 3
    if scope.level == COMMITTEE:
        open_feedback = {
            r["window__organisation"]: r["n"]
            for r in Feedback.objects.filter(_open_feedback_q()).order_by().values("window__organisation").annotate(n=Count("pk"))
        }  # 4
    else:
        open_feedback = None
    headers = [_("organisation"), _("members in service"), _("on posts"), _("share on posts"), _("posts offered")]
    if open_feedback is not None:
        headers.append(_("open feedback"))
    rows, chart_rows = [], []
    for child in children:
        m = members.get(child["pk"], {"total": 0, "on_post": 0})
        share = charts.percent(m["on_post"], m["total"])
        row = [child["name"], m["total"], m["on_post"], f"{share}%", posts_by.get(child["pk"], 0)]
        if open_feedback is not None:
            row.append(open_feedback.get(child["pk"], 0))
        rows.append(row)
        chart_rows.append((child["name"], m["on_post"]))
    title = _("Units at a glance") if scope.level == COMMITTEE else _("Branches at a glance")
    chart = charts.bar_chart(chart_rows, title=_("Members on posts by organisation"))
    table = Table(headers, rows, links=[link("members:dashboard_organisation", child["pk"]) for child in children])
    return Figure("by_organisation", title, chart=chart, table=table, url=link("members:organisation_list"), wide=True)


# ---------------------------------------------------------------------------
# The home page
# ---------------------------------------------------------------------------


def home_context(user) -> dict:
    """What the home page adds for a logged-in user: their dashboards, their evaluation to-dos, their latest notifications."""
    from members import access

    acc = access.for_user(user)
    if not acc.is_authenticated:
        return {}
    boards = []
    if acc.is_committee_staff:
        boards.append((_("Programme dashboard"), reverse("members:dashboard")))
    managed = acc.unit_ids | acc.branch_ids
    if managed:
        for pk, name in Organisation.objects.filter(pk__in=managed).order_by("code").values_list("pk", "name"):
            boards.append((name, reverse("members:dashboard_organisation", args=[pk])))
    # The member's post and the rounds open to them are on the home page already (home_member.html, steps 1–3).
    member_actions = _evaluation_actions(acc.member) if acc.member is not None else []
    return {
        "my_dashboards": boards,
        "member_actions": member_actions,
        "latest_notifications": list(user.notifications.unread()[:3]),
    }


def _evaluation_actions(member) -> list[Action]:
    """During the year-end assessment: the member's self-report, and the colleagues they have still to rate. Up to three queries."""
    from evaluation.models import EvaluationYear, PeerRating, Phase, Result
    from evaluation.sources.selectors import peers_to_rate

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
