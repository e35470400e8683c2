"""The read model behind a result's explanation: the database read once into the pure numbers `scoring` works on.

Nothing here writes. Services (approval, publication) and pages (the breakdown, the export) read through it,
so a published snapshot and a live preview are the same computation.
"""

from decimal import Decimal
from typing import NamedTuple

from django.db.models import Avg, Case, Count, IntegerField, Q, Sum, Value, When

from evaluation import bulk, scoring
from evaluation.models import Ballot, CriterionScore, EvaluationYear, PeerRating, Result
from evaluation.results.breakdown import answer_points
from posts.models import Feedback


def _points(field: str, points: dict) -> Case:
    """A rating's points computed in SQL, so averages are one aggregate query."""
    return Case(*[When(**{field: k}, then=Value(v)) for k, v in points.items()], output_field=IntegerField())


def _ballots_per_window(year: EvaluationYear):
    return year.ballots.values("window_id").annotate(n=Count("pk"), avg=Avg(_points("rating", Ballot.POINTS)))


def _criterion_row(number, text, maximum, score, note) -> dict:
    return {"number": number, "text": text, "max": maximum, "score": score, "note": note}


class InputContext:
    """Year-wide aggregates loaded once: public votes, peer ratings and complaints per window or member.

    `InputContext.for_all(year)` also loads every window's criterion scores in one query, for the year-end
    moves that compute every result at once (`texts=False`: only each window's total, summed in SQL); the
    plain context reads them per result (one page, one result).
    """

    def __init__(self, year: EvaluationYear):
        self.year = year
        self.rules = scoring.Rules.for_year(year)
        self._bulk_texts = None  # set by for_all: criterion scores read for the whole year, rows or only totals
        self._criteria = None  # result id -> criterion rows, once read for the whole year
        self._totals = None  # result id -> sum of its criterion scores, once summed for the whole year
        # Before the vote closes nobody, not even a preview, sees how the public voted.
        self.votes = {
            row["window_id"]: (row["n"], scoring.q2(row["avg"])) for row in _ballots_per_window(year)
        } if year.vote_closed else {}
        self.peers = {
            row["rated_id"]: (row["n"], scoring.q2(row["avg"]))
            for row in year.peer_ratings.values("rated_id").annotate(n=Count("pk"), avg=Avg(_points("level", PeerRating.POINTS)))
        }
        complaints = Feedback.objects.filter(kind=Feedback.Kind.COMPLAINT, upheld=True, created_at__year=year.year)
        self.complaints = {
            row["window_id"]: (row["n"], row["serious"])
            for row in complaints.values("window_id").annotate(n=Count("pk"), serious=Count("pk", filter=Q(serious=True)))
        }
        # A complaint naming the member on duty counts against that member as well as the window.
        self.member_complaints = {
            row["member_id"]: (row["n"], row["serious"])
            for row in complaints.filter(member__isnull=False).values("member_id").annotate(n=Count("pk"), serious=Count("pk", filter=Q(serious=True)))
        }
        # The scores that count, the minimum counts applied once per year rather than per lookup.
        self._public = {w: avg for w, (n, avg) in self.votes.items() if n >= year.min_votes}
        self._peer = {m: avg for m, (n, avg) in self.peers.items() if n >= year.min_peer_ratings}
        self._window_members = None

    @classmethod
    def for_all(cls, year: EvaluationYear, *, texts: bool = True) -> "InputContext":
        """The context for computing every result of the year: criterion scores grouped by result, one query.

        Read on first use, so a list of published results (explained by their snapshots) never reads them.
        """
        context = cls(year)
        context._bulk_texts = texts
        return context

    def _load_criteria(self) -> dict:
        rows = CriterionScore.objects.filter(result__year=self.year).order_by("result_id", "criterion__number")
        criteria = {}
        for result_id, *row in rows.values_list("result_id", "criterion__number", "criterion__text", "max_points", "score", "note"):
            criteria.setdefault(result_id, []).append(_criterion_row(*row))
        return criteria

    def criteria(self, result: Result) -> list[dict]:
        """A window result's criterion scores, in criterion order (for the whole year in one query, in bulk)."""
        if self._bulk_texts is not None:
            if self._criteria is None:
                self._criteria = self._load_criteria()
            return self._criteria.get(result.pk, [])
        return [
            _criterion_row(s.criterion.number, s.criterion.text, s.max_points, s.score, s.note)
            for s in result.criterion_scores.select_related("criterion").order_by("criterion__number")
        ]

    def organisation(self, result: Result) -> Decimal | None:
        """A window's organisation rating: the sum of its criterion scores, nothing while none is given."""
        if self._bulk_texts is False:
            if self._totals is None:
                # One GROUP BY for the year: a window without any score has no row, as it has no rows above.
                sums = CriterionScore.objects.filter(result__year=self.year).values("result_id").annotate(total=Sum("score"))
                self._totals = {row["result_id"]: scoring.q2(row["total"]) for row in sums.order_by()}
            return self._totals.get(result.pk)
        scores = [row["score"] for row in self.criteria(result)]
        return scoring.q2(sum(scores, Decimal(0))) if scores else None

    def public(self, window_id):
        """A window's public vote, if at least the year's minimum of ballots was cast."""
        return self._public.get(window_id)

    def peer(self, member_id):
        """A member's peer review, if at least the year's minimum of colleagues rated them."""
        return self._peer.get(member_id)

    def window_members(self):
        """Member results per window: (self scores, peer averages)."""
        if self._window_members is None:
            rows = self.year.results.members().exclude(window=None).order_by().values_list("member_id", "window_id", "self_score")
            self._gather_members(rows)
        return self._window_members

    def use_results(self, rows) -> None:
        """Take the window members from `rows`, every result of the year already read (see `year_rows`): no query."""
        self._gather_members((r.member_id, r.window_id, r.self_score) for r in rows if r.kind == Result.Kind.MEMBER and r.window_id)

    def _gather_members(self, rows) -> None:
        self._window_members = {}
        for member_id, window_id, self_score in rows:
            entry = self._window_members.setdefault(window_id, ([], []))
            if self_score is not None:
                entry[0].append(self_score)
            peer = self.peer(member_id)
            if peer is not None:
                entry[1].append(peer)


class YearRow(NamedTuple):
    """A result as the year-end moves read it: the flat values its score needs, no model instance."""

    pk: int
    kind: str
    member_id: int | None
    window_id: int | None
    self_score: Decimal | None
    organisation_score: Decimal | None
    committee_score: Decimal | None
    adjustment: Decimal
    # Read for publication only (`year_rows(…, names=True)`): what the snapshot and the notification name.
    adjustment_reason: str = ""
    member_name: str | None = None
    window_name: str | None = None
    user_id: int | None = None

    @property
    def subject_name(self) -> str:
        return self.member_name if self.kind == Result.Kind.MEMBER else self.window_name


SCORED = ("pk", "kind", "member_id", "window_id", "self_score", "organisation_score", "committee_score", "adjustment")
NAMED = ("adjustment_reason", "member__name", "window__name", "member__user_id")


def year_rows(results, *, names: bool = False) -> list[YearRow]:
    """`results` (a queryset of one year's results) as flat rows in id order, in one query."""
    return [YearRow(*row) for row in results.order_by("pk").values_list(*SCORED, *(NAMED if names else ()))]


def year_outcomes(year: EvaluationYear, rows: list[YearRow] | None = None, *, committee_score=None,
                  context: InputContext | None = None) -> list[tuple[YearRow, scoring.Outcome]]:
    """Every result of the year (or `rows`, some of them) scored at once: what the year-end moves and the benchmark run.

    The inputs are read as flat values in a fixed number of queries (the year's aggregates, each window's
    criterion total summed in SQL, the results themselves), then each outcome is `scoring.compute`, the one
    rule. `committee_score`, when given, stands for each row's own (approving the rest).
    """
    with bulk.gc_paused():
        if context is None:
            context = InputContext.for_all(year, texts=False)
        if rows is None:
            rows = year_rows(year.results.all())
            context.use_results(rows)
        if committee_score is not None:
            rows = [row._replace(committee_score=committee_score) for row in rows]
        rules = context.rules
        return [(row, scoring.compute(inputs_for(row, context), rules)) for row in rows]


MEMBER = Result.Kind.MEMBER.value  # a plain string: compared once per result of a city
NO_COMPLAINTS = (0, 0)


def inputs_for(result: Result, context: InputContext) -> scoring.Inputs:
    """The five sources of one result, as numbers; complaints count against the window and the member they name."""
    if result.kind == MEMBER:
        sources = {
            "self": result.self_score,
            "peer": context.peer(result.member_id),
            "public": context.public(result.window_id) if result.window_id else None,
            "organisation": result.organisation_score,
            "committee": result.committee_score,
        }
        upheld, serious = context.member_complaints.get(result.member_id, NO_COMPLAINTS)
        return scoring.Inputs(sources=sources, upheld_complaints=upheld, serious_complaints=serious, adjustment=result.adjustment)
    selfs, peers = context.window_members().get(result.window_id, ([], []))
    sources = {
        "self": scoring.average(selfs),
        "peer": scoring.average(peers),
        "public": context.public(result.window_id),
        "organisation": context.organisation(result),
        "committee": result.committee_score,
    }
    upheld, serious = context.complaints.get(result.window_id, NO_COMPLAINTS)
    return scoring.Inputs(sources=sources, upheld_complaints=upheld, serious_complaints=serious, adjustment=result.adjustment)


def outcome_for(result: Result, context: InputContext) -> scoring.Outcome:
    return scoring.compute(inputs_for(result, context), context.rules)


def snapshot_for(result: Result, context: InputContext) -> dict:
    """Everything a published result keeps: rules and their version, inputs, outcome, counts (never who)."""
    rules = context.rules
    inputs = inputs_for(result, context)
    outcome = scoring.compute(inputs, rules)
    snap = {
        "rule_version": context.year.rules_version,
        "rules": rules.as_json(),
        "inputs": inputs.as_json(),
        "outcome": outcome.as_json(),
        "subject": result.subject_name,
        "adjustment_reason": result.adjustment_reason,
        "counts": {
            "ballots": context.votes.get(result.window_id, (0, None))[0] if result.window_id else 0,
            "peer_ratings": context.peers.get(result.member_id, (0, None))[0] if result.member_id else 0,
        },
        # The minimums the counts were held against, so the explanation of a published year never reads today's rules.
        "minimums": {"ballots": context.year.min_votes, "peer_ratings": context.year.min_peer_ratings},
        "answer_points": answer_points(),
    }
    if result.kind == Result.Kind.WINDOW:
        snap["criteria"] = [{**row, "score": str(row["score"])} for row in context.criteria(result)]
    return snap


def explain(result: Result, context: InputContext | None = None) -> dict:
    """The breakdown to show: the published snapshot, or a live preview before publication."""
    if result.snapshot:
        return result.snapshot
    return snapshot_for(result, context or InputContext(result.year))


def vote_summary(year: EvaluationYear) -> dict:
    """Ballot counts and averages per window, only after the vote closes and above the minimum count."""
    if not year.vote_closed:
        return {}
    return {r["window_id"]: (r["n"], scoring.q2(r["avg"])) for r in _ballots_per_window(year) if r["n"] >= year.min_votes}


def peer_summary(year: EvaluationYear, member_id) -> tuple[int, Decimal | None]:
    """How many colleagues rated a member and their average, hidden below the minimum."""
    row = year.peer_ratings.filter(rated_id=member_id).aggregate(n=Count("pk"), avg=Avg(_points("level", PeerRating.POINTS)))
    if row["n"] < year.min_peer_ratings:
        return row["n"], None
    return row["n"], scoring.q2(row["avg"])
