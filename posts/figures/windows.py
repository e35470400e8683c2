"""Step 4 on the dashboards: the public's feedback, satisfaction by window, and the plaque register.

Also what "in scope" means for a service window (`scope.q("windows", path)`), which the
evaluation figures use too.
"""

from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth
from django.utils import timezone
from django.utils.dates import MONTHS_AP
from django.utils.translation import gettext as _

from members.dashboards import UNIT, Action, Figure, Scope, Stat, Table, figure, link, scope_filter
from pioneer import charts
from posts.models import Feedback, PlaqueRecord, Window


@scope_filter("windows")
def windows_in(scope: Scope, prefix: str) -> Q:
    """A Q over Window (or a relation to it, `prefix` ending in "__").

    Windows belong to units: a district or a city counts its units' windows (one column on the window's
    unit); a branch sees the windows where its own posts serve.
    """
    if scope.is_programme:
        return scope.orgs(f"{prefix}organisation")
    if scope.level == UNIT:
        return Q(**{f"{prefix}organisation": scope.organisation.pk})
    served = Window.posts.through.objects.filter(post__organisation=scope.organisation.pk).values("window_id")
    return Q(**{f"{prefix}pk__in": served})


def open_feedback_q(prefix: str = "") -> Q:
    return Q(**{f"{prefix}status__in": Feedback.OPEN})


@figure("feedback")
def feedback(scope: Scope) -> Figure:
    """Feedback received in the year by state, open now, overdue now, concluded in the year, satisfaction. One query."""
    now = timezone.now()
    in_year = Q(created_at__gte=scope.start, created_at__lt=scope.end)
    counts = Feedback.objects.filter(scope.q("windows", "window")).aggregate(
        received=Count("pk", filter=in_year),
        open=Count("pk", filter=open_feedback_q()),
        overdue=Count("pk", filter=open_feedback_q() & Q(due_at__lt=now)),
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
    if not scope.is_programme:
        actions.append(Action(_("feedback past its answer date"), counts["overdue"],
                              link("posts:feedback_inbox", show="overdue"), tone="danger"))
    return Figure("feedback", _("Feedback received, open, overdue and concluded"), stats=stats, chart=chart,
                  table=Table([_("state"), _("count")], rows), url=url, actions=actions)


@figure("feedback")
def feedback_by_month(scope: Scope) -> Figure:
    """Feedback received per month of the year, by kind. One query."""
    rows = (
        Feedback.objects.filter(scope.q("windows", "window"), created_at__gte=scope.start, created_at__lt=scope.end)
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


# A district of a city has hundreds of windows: the dashboard shows the most and the least satisfied, the list all.
SHOWN_EACH_WAY = 5


@figure("feedback")
def feedback_by_window(scope: Scope) -> Figure:
    """Per window in the year: praise, suggestions, complaints, upheld; and satisfaction with the answers. One query.

    Satisfaction is the share of the people who rated the answer to their feedback that were satisfied with it.
    With more than ten windows, the five most satisfied and the five least are shown, with a link to all.
    """
    in_year = Q(feedback__created_at__gte=scope.start, feedback__created_at__lt=scope.end)
    rows = list(
        Window.objects.filter(scope.q("windows"), is_active=True)
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
    for r in rows:
        r["share"] = charts.percent(r["satisfied"], r["rated"])
    note = _("Satisfied: the share of people who rated the answer to their feedback and were satisfied with it.")
    if len(rows) > 2 * SHOWN_EACH_WAY:
        # Most satisfied first; among equals, fewer upheld complaints first. Unrated windows rank last.
        ranked = sorted(rows, key=lambda r: (not r["rated"], -r["share"], r["upheld"], r["complaints"]))
        rated = [r for r in ranked if r["rated"]]
        top = rated[:SHOWN_EACH_WAY]
        bottom = [r for r in rated[-SHOWN_EACH_WAY:] if r not in top]
        note = _("The %(n)s most and least satisfied of %(total)s windows; the list shows them all. ") % {
            "n": SHOWN_EACH_WAY, "total": len(rows)} + note
        rows = top + bottom
    table_rows, chart_rows = [], []
    for r in rows:
        share = r["share"]
        table_rows.append([r["name"], r["praise"], r["suggestions"], r["complaints"], r["upheld"], r["rated"],
                           f"{share}%" if r["rated"] else "—"])
        if r["rated"]:
            chart_rows.append((r["name"], share))
    headers = [_("service window"), _("praise"), _("suggestions"), _("complaints"), _("upheld"), _("answers rated"), _("satisfied")]
    return Figure(
        "feedback_by_window", _("Satisfaction by window, %(year)s") % {"year": scope.year},
        chart=charts.bar_chart(chart_rows, title=_("Satisfaction by window, %(year)s (%%)") % {"year": scope.year}),
        table=Table(headers, table_rows), url=link("posts:window_list"), note=note,
    )


@figure("plaques")
def plaques(scope: Scope) -> Figure:
    """Plaques by year and level, the year against the one before, and the year's decisions by change. One query."""
    first = scope.years[0]
    rows = (
        PlaqueRecord.objects.filter(scope.q("windows", "window"), year__gte=first - 1, year__lte=scope.year)
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

