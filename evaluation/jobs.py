"""The year-end moves as jobs: approve the remaining results, publish the results, decide the plaques.

Each service runs in one transaction; the job runner's progress also goes to the cache, so the job page
moves while the transaction is still open.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from evaluation.models import EvaluationYear
from evaluation.results.plaques import decide_plaques
from evaluation.results.services import publish_results
from evaluation.review.services import approve_remaining
from evaluation.years.phases import lock_year
from members import access
from members.jobs.models import Job
from members.jobs.registry import JobLink, register_job
from members.jobs.services import JobRefusal, start_job
from pioneer.errors import Refusal

APPROVE = "evaluation.results.approve_remaining"
PUBLISH = "evaluation.results.publish"
PLAQUES = "evaluation.plaques.decide"

NOT_COMMITTEE = gettext_noop("Only the committee staff may make the year-end moves.")
NO_YEAR = gettext_noop("The evaluation year %(year)s does not exist.")


def start_year_end_job(actor, *, kind: str, year: EvaluationYear, **params) -> Job:
    """Start one year-end move as a job, unless the same move for the same year is still queued or running.

    The year row is locked first (as every year-end move does), so of two POSTs at once the second
    waits, then finds the first job and is refused.
    """
    with transaction.atomic():
        year = lock_year(year)
        if Job.objects.filter(kind=kind, params__year=year.year, state__in=[Job.State.QUEUED, Job.State.RUNNING]).exists():
            raise Refusal(_("This move is already under way for %(year)s: follow it on its job page.") % {"year": year.year})
        return start_job(actor, kind=kind, params={"year": year.year, **params})


def _year_for(job: Job, number: int) -> EvaluationYear:
    # The permission is checked again when the job runs: a role may have been taken away since the start.
    if job.created_by is None or not access.for_user(job.created_by).is_committee_staff:
        raise JobRefusal(NOT_COMMITTEE)
    year = EvaluationYear.objects.filter(year=number).first()
    if year is None:
        raise JobRefusal(NO_YEAR, year=number)
    return year


# A job's outcome is stored as data ({"count": n}); its label is a word of the page, in the reader's language.
def run_approve_remaining(job, progress, *, year, committee_score):
    n = approve_remaining(job.created_by, year=_year_for(job, year), committee_score=committee_score, progress=progress)
    return {"count": n}


def run_publish(job, progress, *, year):
    year = publish_results(job.created_by, year=_year_for(job, year), progress=progress)
    return {"count": year.results.count()}


def run_decide_plaques(job, progress, *, year):
    records = decide_plaques(job.created_by, year=_year_for(job, year), progress=progress)
    return {"count": len(records)}


def _counted(label):
    def summary(job: Job):
        if "count" not in job.result_data:  # a job finished before outcomes were stored as data
            return list(job.result_data.items())
        return [(label, job.result_data["count"])]

    return summary


def _back_to(label, url_name):
    """The finished job's way back: to the page its outcome shows on, or to the year's page if it failed."""

    def link(job: Job) -> JobLink | None:
        year = job.params.get("year")
        if year is None:
            return None
        if job.state == Job.State.FAILED:
            return JobLink(gettext_lazy("Back to the evaluation year"), "evaluation:year_detail", args=(year,))
        return JobLink(label, url_name, args=(year,))

    return link


register_job(APPROVE, run_approve_remaining, title=gettext_lazy("Approve the remaining results"),
             link=_back_to(gettext_lazy("See the results"), "evaluation:results"), summary=_counted(gettext_lazy("Results approved")))
register_job(PUBLISH, run_publish, title=gettext_lazy("Publish the results"),
             link=_back_to(gettext_lazy("Back to the evaluation year"), "evaluation:year_detail"),
             summary=_counted(gettext_lazy("Results published")))
register_job(PLAQUES, run_decide_plaques, title=gettext_lazy("Decide next year's plaques"),
             link=_back_to(gettext_lazy("See the plaque decisions"), "evaluation:plaques"), summary=_counted(gettext_lazy("Plaque decisions")))
