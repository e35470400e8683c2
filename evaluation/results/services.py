"""Publication: every approved result frozen as a snapshot that later edits never change."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluation import bulk
from evaluation.models import EvaluationYear, Phase, Result
from evaluation.results.explanation import InputContext, snapshot_for
from evaluation.years.phases import lock_year, move
from pioneer.errors import Refusal
from pioneer.words import Message

PUBLISHED_FIELDS = ["snapshot", "final_score", "grade", "status", "published_at"]


@transaction.atomic
def publish_results(actor, *, year: EvaluationYear, progress: bulk.Progress = None) -> EvaluationYear:
    """Publish every approved result as a snapshot that later edits never change; each member is told.

    One transaction in a fixed number of reads (the year locked, its inputs read in bulk), snapshots
    computed in memory, written 500 rows a statement with `progress(done, total)` after each. The phase
    moves in the same transaction, so a crash leaves the year in review with nothing published and a retry
    publishes it all; a retry after success is refused (already published), which is the same end state.
    Notifications go out after the commit, in bulk.
    """
    year = lock_year(year)
    if year.phase != Phase.REVIEW:
        raise Refusal(_("Results are published at the end of the committee review."))
    waiting = year.results.exclude(status=Result.Status.APPROVED).count()
    if waiting:
        raise Refusal(
            _("%(n)s results have not been reviewed yet: approve each result before publishing.") % {"n": waiting}
        )
    bulk.keep_jit_out()
    now = timezone.now()
    context = InputContext.for_all(year)
    results = list(
        year.results.select_related("member", "window").order_by("pk")
        .only("pk", "year_id", "kind", "member_id", "window_id", "self_score", "organisation_score", "committee_score",
              "adjustment", "adjustment_reason", "member__name", "member__user_id", "window__name")
    )
    for result in results:
        result.snapshot = snapshot_for(result, context)
        result.final_score = Decimal(result.snapshot["outcome"]["final"])
        result.grade = result.snapshot["outcome"]["grade"]
        result.status = Result.Status.PUBLISHED
        result.published_at = now
    bulk.update_in_chunks(Result, results, PUBLISHED_FIELDS, progress)
    move(year, actor, Phase.PUBLISHED, expected=Phase.REVIEW, reason=Message("%(n)s results published.", n=len(results)))
    text = Message("Your evaluation result for %(year)s is published.", year=year.year)
    notes = []
    for result in results:
        if result.member_id and result.member.user_id:
            result.year = year  # the link names the year: no query per result
            notes.append((result.member.user_id, text, result.get_absolute_url()))
    bulk.notify_after_commit(notes)
    return year
