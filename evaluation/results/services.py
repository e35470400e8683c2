"""Publication: every approved result frozen as a snapshot that later edits never change."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluation.models import EvaluationYear, Phase, Result
from evaluation.results.explanation import InputContext, snapshot_for
from evaluation.years.phases import lock_year, move
from members import audit
from pioneer.errors import Refusal


@transaction.atomic
def publish_results(actor, *, year: EvaluationYear) -> EvaluationYear:
    """Publish every approved result as a snapshot that later edits never change; each member is told."""
    year = lock_year(year)
    if year.phase != Phase.REVIEW:
        raise Refusal(_("Results are published at the end of the committee review."))
    waiting = year.results.exclude(status=Result.Status.APPROVED).count()
    if waiting:
        raise Refusal(
            _("%(n)s results have not been reviewed yet: approve each result before publishing.") % {"n": waiting}
        )
    now = timezone.now()
    context = InputContext(year)
    results = list(year.results.select_related("member", "window").order_by("pk"))
    for result in results:
        result.snapshot = snapshot_for(result, context)
        result.final_score = Decimal(result.snapshot["outcome"]["final"])
        result.grade = result.snapshot["outcome"]["grade"]
        result.status = Result.Status.PUBLISHED
        result.published_at = now
    Result.objects.bulk_update(results, ["snapshot", "final_score", "grade", "status", "published_at"])
    move(year, actor, Phase.PUBLISHED, expected=Phase.REVIEW, reason=_("%(n)s results published.") % {"n": len(results)})
    for result in results:
        if result.member_id and result.member.user_id:
            result.year = year  # the link names the year: no query per result
            audit.notify(result.member.user, _("Your evaluation result for %(year)s is published.") % {"year": year.year},
                         result.get_absolute_url())
    return year
