"""A result's explanation as shown: lines that add up, in cents, to the total shown, with the rules behind them.

The stored outcome keeps each source's points to the cent on its own, and those need not add up to the
weighted score (rounded once, from the exact sum). The page shows the points apportioned by largest
remainder instead, so the column adds up; the exact contributions stay in the snapshot.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from evaluation import scoring
from evaluation.models import Ballot, EvaluationYear, PeerRating, Source


def answer_points() -> dict:
    """What each answer of the public vote and of peer review is worth, for the snapshot and the page."""
    return {"public": dict(Ballot.POINTS), "peer": dict(PeerRating.POINTS)}


def _exact_points(lines: list[dict]) -> list[Decimal]:
    """Each present source's exact contribution, by the same arithmetic as `scoring.compute`."""
    present_weight = sum((Decimal(ln["weight"]) for ln in lines if ln["score"] is not None), Decimal(0))
    exact = []
    for ln in lines:
        if ln["score"] is None or present_weight == 0:
            exact.append(Decimal(0))
        else:
            exact.append(Decimal(ln["score"]) * (Decimal(ln["weight"]) * 100 / present_weight) / 100)
    return exact


def _note(source: str, score, explained: dict, kind: str, vote_open: bool) -> str:
    counts = explained.get("counts", {})
    minimums = explained["minimums"]
    if source == Source.PUBLIC:
        if vote_open:
            return _("Counted once the vote closes.")
        n, least = counts.get("ballots", 0), minimums["ballots"]
        if n < least:
            return _("%(n)s ballots, fewer than the %(min)s needed: left out, its weight shared among the other sources.") % {"n": n, "min": least}
        return _("%(n)s ballots counted.") % {"n": n}
    if source == Source.PEER:
        if kind == "window":
            return _("Average of the peer review of the window's members rated by at least %(min)s colleagues.") % {"min": minimums["peer_ratings"]}
        n, least = counts.get("peer_ratings", 0), minimums["peer_ratings"]
        if n < least:
            return _("%(n)s ratings, fewer than the %(min)s needed: left out, its weight shared among the other sources.") % {"n": n, "min": least}
        return _("%(n)s ratings counted.") % {"n": n}
    if source == Source.SELF and kind == "window":
        return _("Average of the self-assessments of the window's members.")
    if source == Source.ORGANISATION and kind == "window":
        return _("Sum of the 30 criteria.")
    if score is None:
        return _("Not given: left out, its weight shared among the other sources.")
    return ""


def breakdown(explained: dict, year: EvaluationYear, kind: str) -> dict:
    """The lines to show for a result (its snapshot or live preview), each amount a Decimal to the cent."""
    outcome = explained["outcome"]
    explained = {**explained, "minimums": explained.get("minimums") or {"ballots": year.min_votes, "peer_ratings": year.min_peer_ratings}}
    base = Decimal(outcome["base"])
    shown = scoring.apportion(_exact_points(outcome["lines"]), base)
    labels = dict(Source.choices)
    vote_open = not year.vote_closed  # a live preview during the assessment: nobody sees the votes yet
    lines = [
        {
            "source": ln["source"], "label": labels[ln["source"]], "score": ln["score"], "weight": ln["weight"],
            "effective_weight": ln["effective_weight"], "reweighted": ln["reweighted"], "points": points,
            # Carried: the shown cents differ from the source's own rounding, so that the column adds up.
            "carried": ln["score"] is not None and points != Decimal(ln["points"]),
            "note": _note(ln["source"], ln["score"], explained, kind, vote_open),
        }
        for ln, points in zip(outcome["lines"], shown, strict=True)
    ]
    deduction, adjustment, final = Decimal(outcome["deduction"]), Decimal(outcome["adjustment"]), Decimal(outcome["final"])
    # The final score is kept within 0..100: when that cuts, the cut is a line of its own.
    bounded = final - (base - deduction + adjustment)
    points = explained.get("answer_points") or answer_points()
    return {
        "lines": lines, "base": base, "deduction": deduction, "adjustment": adjustment,
        "bounded": bounded or None, "final": final, "carried": any(ln["carried"] for ln in lines),
        "complaints": explained["inputs"]["upheld_complaints"],
        "per_complaint": Decimal(explained["rules"]["deduction_per_complaint"]),
        "vote_points": [(label, points["public"][value]) for value, label in Ballot.Rating.choices],
        "peer_points": [(label, points["peer"][value]) for value, label in PeerRating.Level.choices],
        "minimums": explained["minimums"],
    }


def shown_amounts(shown: dict) -> list[Decimal]:
    """Every signed amount the page shows above the final score: they add up to it."""
    return [ln["points"] for ln in shown["lines"]] + [-shown["deduction"], shown["adjustment"]] + ([shown["bounded"]] if shown["bounded"] else [])
