"""The programme at a glance: headline figures, posts offered and filled, and the units or branches side by side.

Also the home page's headline figures, which are the same numbers for the whole programme.
"""

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from members.dashboards import BRANCH, COMMITTEE, UNIT, Action, Figure, Scope, Stat, Table, figure, link
from members.home import home_panel
from members.models import Member, Organisation, member_condition
from pioneer import charts
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
    numbers |= Window.objects.filter(scope.q("windows")).aggregate(windows=Count("pk", filter=Q(is_active=True)))  # 2
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
    # The page that lists them offers the actions that give each one a post.
    members_url = link("posts:without_post", branch=scope.branch_param)
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
        total=Count("pk"), on_post=Count("pk", filter=Q(Exists(live_assignment())))
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
    if scope.level != COMMITTEE:
        actions.append(Action(_("assignments set but not yet published"), states["approved"], link("posts:post_list")))
    return Figure("posts", _("Posts unfilled or full"), stats=stats, chart=chart, table=table, url=post_list, actions=actions)


@figure("organisations", levels={COMMITTEE, UNIT})
def by_organisation(scope: Scope) -> Figure:
    """Members, members on posts, posts and open feedback per unit (committee) or per branch (unit). Four queries."""
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
        .values(key=F(member_key)).annotate(total=Count("pk"), on_post=Count("pk", filter=Q(Exists(live_assignment()))))
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
            for r in Feedback.objects.filter(open_feedback_q()).order_by().values("window__organisation").annotate(n=Count("pk"))
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


@home_panel
def home_figures(acc) -> dict:
    """The public home page's headline figures for the whole programme. Three queries."""
    return {"figures": headline_numbers()}
