"""Publication: every approved result frozen as a snapshot that later edits never change."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluation import bulk
from evaluation.models import EvaluationYear, Phase, Result
from evaluation.results.explanation import InputContext, snapshot_for, year_rows
from evaluation.years.phases import lock_year, move
from pioneer.errors import Refusal
from pioneer.words import Message

PUBLISHED_FIELDS = ["snapshot", "final_score", "grade", "status", "published_at"]


@transaction.atomic
def publish_results(actor, *, year: EvaluationYear, progress: bulk.Progress = None) -> EvaluationYear:
    """Publish every approved result as a snapshot that later edits never change; each member is told.

    One transaction in a fixed number of queries whatever the number of results: the year locked, its
    inputs and results read in bulk as flat values, snapshots computed in memory, one UPDATE for them all
    (`progress(done, total)` before and after). The phase moves in the same transaction, so a crash leaves
    the year in review with nothing published and a retry publishes it all; a retry after success is
    refused (already published), which is the same end state. Notifications go out after the commit, in bulk.
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
    rows = year_rows(year.results.all(), names=True)
    context.use_results(rows)
    updates = []
    with bulk.gc_paused():
        for row in rows:
            snapshot = snapshot_for(row, context)
            outcome = snapshot["outcome"]
            updates.append((row.pk, snapshot, Decimal(outcome["final"]), outcome["grade"], Result.Status.PUBLISHED, now))
    bulk.update_rows(Result, PUBLISHED_FIELDS, updates, progress)
    move(year, actor, Phase.PUBLISHED, expected=Phase.REVIEW, reason=Message("%(n)s results published.", n=len(rows)))
    text = Message("Your evaluation result for %(year)s is published.", year=year.year)
    told = [row for row in rows if row.user_id]
    links = Result.absolute_urls(year, [row.pk for row in told])
    bulk.notify_after_commit([(row.user_id, text, link) for row, link in zip(told, links, strict=True)])
    return year
