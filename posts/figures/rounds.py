"""Steps 1–3 on the dashboards: nomination rounds and self-nominations, publication and objections."""

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from members.dashboards import Action, Figure, Scope, Stat, Table, figure, link
from pioneer import charts
from posts.models import Nomination, Objection, Publication, Round


@figure("nominations")
def nominations(scope: Scope) -> Figure:
    """Rounds of the year (open now), self-nominations of the year by state (steps 1 and 2). Two queries."""
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
    actions = [Action(_("self-nominations awaiting your review"), pending, url)] if not scope.is_programme else []
    return Figure("nominations", _("Self-nominations, %(year)s") % {"year": scope.year}, stats=stats,
                  chart=charts.bar_chart(rows, title=_("Self-nominations by state")), table=Table([_("state"), _("count")], rows),
                  url=url, actions=actions)


@figure("nominations")
def publications(scope: Scope) -> Figure:
    """Publications in notice (and past their notice period), objections open and answered (step 3). Two queries.

    "Notice ended" counts what the daily run will confirm (Publication.objects.due): one held by an objection
    still awaiting an answer waits for that answer and is counted among the objections, not here."""
    today = timezone.localdate()
    notice = Q(status=Publication.Status.NOTICE)
    held = Exists(Objection.objects.filter(publication=OuterRef("pk"), status=Objection.Status.OPEN))
    pubs = Publication.objects.filter(scope.orgs("round__organisation")).aggregate(
        in_notice=Count("pk", filter=notice & Q(ends_on__gte=today)),
        due=Count("pk", filter=notice & Q(ends_on__lt=today) & ~held),
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
    if not scope.is_programme:
        actions = [
            Action(_("objections awaiting your answer"), objections["open"], url, tone="danger"),
            Action(_("publications whose notice has ended: confirm them"), pubs["due"], url),
        ]
    return Figure("publications", _("Publication and objections"), stats=stats, url=url, actions=actions)

