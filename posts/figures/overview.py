"""The programme at a glance: headline figures, posts offered and filled, and the units or branches side by side.

Also the home page's headline figures, which are the same numbers for the whole programme.
"""

from django.core.cache import cache
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import npgettext

from members.dashboards import BRANCH, CITY, COMMITTEE, UNIT, Action, Figure, Scope, Stat, Table, figure, link
from members.home import home_panel
from members.models import Member, Organisation, member_condition
from pioneer import cachekeys, charts
from posts.figures.windows import open_feedback_q
from posts.models import Assignment, Feedback, Post, Window


def live_assignment(member_ref="pk"):
    """A member's live assignment (approved, in notice or confirmed): "on a post" wherever it is counted."""
    return Assignment.objects.live().filter(member=OuterRef(member_ref))


@member_condition("on_post")
def on_post(member_ref="pk"):
    """The member list's "on a post" filter: the very members the headline figure counts as on a post."""
    return Exists(live_assignment(member_ref))


def headline_numbers(scope: Scope | None = None) -> dict:
    """The document's four headline figures, live, and members without posts. Three queries."""
    scope = scope or Scope.programme()
    numbers = Organisation.objects.filter(scope.orgs(), is_active=True).aggregate(
        units=Count("pk", filter=Q(kind=UNIT)), branches=Count("pk", filter=Q(kind=BRANCH))
    )  # 1
    return numbers | _windows_and_members(scope)


def _windows_and_members(scope: Scope) -> dict:
    """Windows taking part, members in service, on posts and without. Two queries."""
    numbers = Window.objects.filter(scope.q("windows")).aggregate(windows=Count("pk", filter=Q(is_active=True)))  # 1
    members = _member_counts(scope)  # 2
    return numbers | {"members": members["total"], "on_post": members["on_post"], "without_post": members["without_post"]}


@figure("headline")
def headline(scope: Scope) -> Figure:
    """The document's four headline figures, live, and members without posts. Three queries."""
    numbers = headline_numbers(scope)
    stats = []
    if scope.is_programme:
        stats.append(Stat(npgettext("count", "unit party organisation", "unit party organisations", numbers["units"]), numbers["units"], link("members:organisation_list")))
    if scope.level != BRANCH:
        stats.append(Stat(npgettext("count", "branch", "branches", numbers["branches"]), numbers["branches"], link("members:organisation_list")))
    # The page that lists them offers the actions that give each one a post.
    members_url = link("posts:without_post", branch=scope.branch_param)
    stats += [
        Stat(npgettext("count", "service window", "service windows", numbers["windows"]), numbers["windows"], link("posts:window_list")),
        Stat(npgettext("count", "member on a pioneer post", "members on pioneer posts", numbers["on_post"]), numbers["on_post"], link("posts:post_list")),
        Stat(_("members without a post"), numbers["without_post"], members_url,
             note=_("of %(n)s in service") % {"n": numbers["members"]},
             tone="warning" if numbers["without_post"] else "success"),
    ]
    actions = []
    if not scope.is_programme:
        actions.append(Action(_("members in service without a post: place them on one"), numbers["without_post"], members_url))
    return Figure("headline", _("Headline figures, live"), stats=stats, actions=actions)


def _member_counts(scope: Scope) -> dict:
    """One query: members in service, how many hold a live post, how many do not."""
    # An uncorrelated IN, not a correlated EXISTS: PostgreSQL hashes the live members once ("hashed SubPlan")
    # instead of running a subquery for each of a city's 50,000 members.
    counts = Member.objects.in_service().filter(scope.members()).aggregate(
        total=Count("pk"), on_post=Count("pk", filter=Q(pk__in=Assignment.objects.live().values("member_id")))
    )
    counts["without_post"] = counts["total"] - counts["on_post"]
    return counts


@figure("posts")
def posts(scope: Scope) -> Figure:
    """Posts offered: unfilled, partly filled, full; and assignments by state (steps 2 and 3). Two queries."""
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
    if not scope.is_programme:
        actions.append(Action(_("assignments set but not yet published"), states["approved"], link("posts:post_list")))
    return Figure("posts", _("Posts unfilled or full"), stats=stats, chart=chart, table=table, url=post_list, actions=actions)


@figure("organisations", levels={COMMITTEE, UNIT})
def by_organisation(scope: Scope) -> Figure:
    """Members, members on posts, posts and open feedback per unit (committee) or per branch (unit). Four queries."""
    if scope.is_programme:
        children = Organisation.objects.filter(scope.orgs(), kind=UNIT, is_active=True)
        member_key, post_key = "unit", "organisation__unit"
    else:
        children = Organisation.objects.filter(parent=scope.organisation.pk, is_active=True)
        member_key, post_key = "branch", "organisation"
    children = list(children.order_by("code").values("pk", "name"))  # 1
    members = {
        r["key"]: r
        for r in Member.objects.in_service().filter(scope.members()).order_by()
        .values(key=F(member_key)).annotate(total=Count("pk"), on_post=Count("pk", filter=Q(Exists(live_assignment()))))
    }  # 2
    # A unit's posts and its branches' posts count for the unit: one column, the post's organisation's unit.
    posts_by = {
        r["key"]: r["n"]
        for r in Post.objects.active().filter(scope.orgs("organisation")).exclude(organisation=scope.organisation)
        .order_by().values(key=F(post_key)).annotate(n=Count("pk"))
    }  # 3
    if scope.is_programme:
        open_feedback = {
            r["window__organisation"]: r["n"]
            for r in Feedback.objects.filter(open_feedback_q(), scope.q("windows", "window")).order_by()
            .values("window__organisation").annotate(n=Count("pk"))
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
    title = _("Units at a glance") if scope.is_programme else _("Branches at a glance")
    chart = charts.bar_chart(chart_rows, title=_("Members on posts by organisation"))
    table = Table(headers, rows, links=[link("members:dashboard_organisation", child["pk"]) for child in children])
    return Figure("by_organisation", title, chart=chart, table=table, url=link("members:organisation_list"), wide=True)


@home_panel
def home_figures(acc, district) -> dict:
    """The public home page's headline figures, the district's or city-wide, and the districts to pick.

    Three queries, kept in the shared cache under the public pages' counter (everything they count bumps it), so
    a signed-in visitor's home page does not count a city's members on every visit either.
    """
    key = cachekeys.key("home-figures", cachekeys.version("public"), district.pk if district else "city")
    found = cache.get(key)
    if found is None:
        found = _home_figures(district)
        cache.set(key, found, cachekeys.TIMEOUT)
    return found


def _home_figures(district) -> dict:
    # The organisations are counted per district in one grouped query, which also names the districts for the picker.
    rows = list(
        Organisation.objects.filter(is_active=True).order_by().values("committee", "committee__code", "committee__name")
        .annotate(units=Count("pk", filter=Q(kind=UNIT)), branches=Count("pk", filter=Q(kind=BRANCH)))
    )  # 1
    picked = [r for r in rows if district is None or r["committee"] == district.pk]
    numbers = {"units": sum(r["units"] for r in picked), "branches": sum(r["branches"] for r in picked)}
    numbers |= _windows_and_members(Scope.programme(organisation=district))  # 2, 3
    districts = sorted(({"code": r["committee__code"], "name": r["committee__name"]} for r in rows if r["committee"]),
                       key=lambda d: d["code"])
    return {"figures": numbers, "districts": districts}


@figure("organisations", levels={CITY})
def by_district(scope: Scope) -> Figure:
    """A city's districts side by side, and the city's totals: units, branches, members, on posts, windows. Four queries."""
    districts = list(Organisation.objects.filter(parent=scope.organisation.pk, kind=COMMITTEE)
                     .order_by("code").values("pk", "name"))  # 1
    orgs = {
        r["committee"]: r
        for r in Organisation.objects.filter(scope.orgs(), is_active=True).order_by().values("committee")
        .annotate(units=Count("pk", filter=Q(kind=UNIT)), branches=Count("pk", filter=Q(kind=BRANCH)))
    }  # 2
    members = {
        r["committee"]: r
        for r in Member.objects.in_service().filter(scope.members()).order_by().values("committee")
        .annotate(total=Count("pk"), on_post=Count("pk", filter=Q(Exists(live_assignment()))))
    }  # 3
    windows = dict(Window.objects.filter(scope.q("windows"), is_active=True).order_by()
                   .values_list("organisation__committee").annotate(n=Count("pk")))  # 4
    rows = []
    for d in districts:
        o, m = orgs.get(d["pk"], {}), members.get(d["pk"], {})
        rows.append([d["name"], o.get("units", 0), o.get("branches", 0), m.get("total", 0), m.get("on_post", 0),
                     windows.get(d["pk"], 0)])
    totals = [_("City total")] + [sum(row[i] for row in rows) for i in range(1, 6)]
    headers = [_("district"), _("unit party organisations"), _("branches"), _("members in service"), _("on posts"),
               _("service windows")]
    chart = charts.bar_chart([(row[0], row[4]) for row in rows], title=_("Members on posts by district"))
    links = [link("members:dashboard_organisation", d["pk"]) for d in districts] + [""]
    return Figure("by_district", _("Districts at a glance"), chart=chart, table=Table(headers, rows + [totals], links=links),
                  wide=True)
