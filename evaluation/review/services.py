"""Committee review (党工委审核): the committee's score fixes each result's final score and grade; adjustments carry a reason."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluation import bulk, scoring
from evaluation.models import EvaluationYear, Phase, Result
from evaluation.results.explanation import InputContext, outcome_for, year_outcomes, year_rows
from evaluation.sources.services import parse_score
from evaluation.years.phases import lock_year
from members import audit
from pioneer.errors import Refusal
from pioneer.words import Message


def lock_reviewable(result: Result) -> Result:
    # The year row first, as every year-end move does: one lock order, and no approval slips in while
    # the committee approves the rest or publishes.
    lock_year(result.year)
    result = Result.objects.select_for_update(of=("self",)).select_related("year", "member", "window").get(pk=result.pk)
    if result.year.phase != Phase.REVIEW:
        raise Refusal(_("Results are reviewed during the committee review phase."))
    if result.status == Result.Status.PUBLISHED:
        raise Refusal(_("This result is published and can no longer change."))
    return result


@transaction.atomic
def approve_result(actor, *, result: Result, committee_score, context: InputContext | None = None) -> Result:
    """Step 5: the committee's score, then the final score and grade are fixed for publication.

    `context` lets a caller approving many results read the year's aggregates once.
    """
    result = lock_reviewable(result)
    if result.status != Result.Status.OPEN:
        raise Refusal(_("This result is already approved."))
    result.committee_score = parse_score(committee_score)
    outcome = outcome_for(result, context or InputContext(result.year))
    result.final_score, result.grade = outcome.final, outcome.grade
    result.status = Result.Status.APPROVED
    result.approved_by, result.approved_at = actor, timezone.now()
    result.save(update_fields=["committee_score", "final_score", "grade", "status", "approved_by", "approved_at"])
    audit.record(actor, "evaluation.result.approved", result, from_state="open", to_state=f"{outcome.final} {outcome.grade}")
    return result


APPROVAL_FIELDS = ["committee_score", "final_score", "grade", "status", "approved_by", "approved_at"]


@transaction.atomic
def approve_remaining(actor, *, year: EvaluationYear, committee_score, progress: bulk.Progress = None) -> int:
    """Approve every result not yet reviewed with one committee score; adjusted or special cases are approved one by one first.

    One transaction, in a fixed number of queries whatever the number of results: the year locked (every
    approval locks it first, so none slips in), the year's inputs read in bulk as flat values, every outcome
    computed in memory by the one scoring rule, one UPDATE for them all (`progress(done, total)` before and
    after), one summary audit entry. A crash rolls everything back and a retry starts over; a retry after
    success finds nothing open and approves nothing, so the end state is the same. `progress` is called
    inside the transaction: a runner must record it elsewhere (its own connection or the cache), or nobody
    sees it before the end.
    """
    year = lock_year(year)
    if year.phase != Phase.REVIEW:
        raise Refusal(_("Results are reviewed during the committee review phase."))
    score = parse_score(committee_score)
    bulk.keep_jit_out()
    waiting = year_rows(year.results.filter(status=Result.Status.OPEN))
    # The year is locked: the inputs cannot move while we approve.
    outcomes = year_outcomes(year, waiting, committee_score=score)
    now = timezone.now()
    bulk.update_rows(Result, APPROVAL_FIELDS, [
        (row.pk, score, outcome.final, outcome.grade, Result.Status.APPROVED, actor.pk, now) for row, outcome in outcomes
    ], progress)
    # One entry for the move, not one per result: who approved how many, with which score.
    audit.record(actor, "evaluation.results.approved_remaining", year, from_state="open",
                 to_state=Result.Status.APPROVED,
                 reason=Message("%(n)s results approved with the committee score %(score)s.", n=len(waiting), score=score))
    return len(waiting)


@transaction.atomic
def adjust_result(actor, *, result: Result, points, reason: str) -> Result:
    """Add or remove up to 20 points, with a reason that stays in the result's history."""
    reason = (reason or "").strip()
    if not reason:
        raise Refusal(_("An adjustment needs a reason."))
    result = lock_reviewable(result)
    try:
        points = scoring.q2(Decimal(str(points)))
    except (InvalidOperation, ValueError):
        raise Refusal(_("“%(value)s” is not a number.") % {"value": points}) from None
    if not Decimal(-20) <= points <= Decimal(20):
        raise Refusal(_("An adjustment lies between -20 and +20 points."))
    before = result.adjustment
    result.adjustment, result.adjustment_reason = points, reason
    fields = ["adjustment", "adjustment_reason"]
    if result.status == Result.Status.APPROVED:
        # Already approved: the final score follows the adjustment at once.
        outcome = outcome_for(result, InputContext(result.year))
        result.final_score, result.grade = outcome.final, outcome.grade
        fields += ["final_score", "grade"]
    result.save(update_fields=fields)
    audit.record(actor, "evaluation.result.adjusted", result, from_state=str(before), to_state=str(points), reason=reason)
    return result
