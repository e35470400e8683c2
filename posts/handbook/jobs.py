"""The handbook's background jobs: publishing an edition, and an edition as PDF (GET asks, POST starts)."""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy, gettext_noop
from django.views import View

from members import access
from members.jobs.models import Job
from members.jobs.registry import JobLink, register_job
from members.jobs.services import JobRefusal, Outcome, start_job
from posts.handbook.pdf import edition_pdf
from posts.handbook.services import publish_handbook
from posts.models import HandbookEdition
from posts.pages import StaffMixin

KIND = "posts.handbook.pdf"
PUBLISH = "posts.handbook.publish"
NO_EDITION = gettext_noop("This handbook edition does not exist.")
NOT_COMMITTEE = gettext_noop("Only committee staff publish the handbook.")


def make_handbook_pdf(job, progress, *, version):
    edition = HandbookEdition.objects.filter(version=version).first()
    if edition is None:
        raise JobRefusal(NO_EDITION)
    pdf = edition_pdf(edition, progress=progress)
    # Only reads: a second run after a dead worker simply renders again.
    return Outcome(data={"version": version}, file=pdf, filename=f"{edition.title}-{version}.pdf")


def publish_edition(job, progress, *, title, note, after):
    """The service, in one transaction, publishing the edition after `after`: one edition whatever happens.

    A job run again after its worker died once the edition was committed finds that edition (the next one,
    by the same person, with the same title and note) and ends as the first run would have; any other
    job of a page that showed `after` as the latest is refused by the service.
    """
    # Checked again when the job runs: the role may have been taken away since the start.
    if job.created_by is None or not access.for_user(job.created_by).is_committee_staff:
        raise JobRefusal(NOT_COMMITTEE)
    progress(0, 1)
    edition = HandbookEdition.objects.filter(version=after + 1, published_by=job.created_by, title=title, note=note).first()
    if edition is None:
        edition = publish_handbook(job.created_by, title=title, note=note, after=after)
    progress(1, 1)
    return {"version": edition.version, "windows": edition.window_count}


def live_publication(user) -> Job | None:
    """The user's publication still queued or running, if any: the draft page points to it instead of offering the button."""
    return Job.objects.filter(kind=PUBLISH, created_by=user, state__in=[Job.State.QUEUED, Job.State.RUNNING]).first()


def start_publication(actor, *, title: str, note: str, after: int) -> tuple[Job, bool]:
    """Start publishing the draft as it stood when the page showed edition `after` as the latest; (job, started).

    The same form sent again by the same person finds the job it already started (still running, or done
    and so the edition published): no second job. A job that failed may be tried again.
    """
    same = Job.objects.filter(
        kind=PUBLISH, created_by=actor, params__after=after, state__in=[Job.State.QUEUED, Job.State.RUNNING, Job.State.DONE]
    ).first()
    if same is not None:
        return same, False
    return start_job(actor, kind=PUBLISH, params={"title": title, "note": note, "after": after}), True


def _published_link(job: Job) -> JobLink | None:
    version = job.result_data.get("version")
    if job.state == Job.State.DONE and version:
        return JobLink(gettext_lazy("See the published edition"), "posts:handbook_edition", args=(version,))
    return JobLink(gettext_lazy("Back to the handbook draft"), "posts:handbook_draft")


def _published_summary(job: Job):
    data = job.result_data
    if "version" not in data:
        return []
    return [(gettext_lazy("edition"), data["version"]), (gettext_lazy("windows"), data.get("windows", 0))]


register_job(KIND, make_handbook_pdf, title=gettext_lazy("Handbook edition as PDF"))
register_job(
    PUBLISH, publish_edition, title=gettext_lazy("Publish the handbook edition"), link=_published_link, summary=_published_summary
)


class HandbookPdfView(StaffMixin, View):
    def get(self, request, version):
        edition = get_object_or_404(HandbookEdition, version=version)
        return render(request, "posts/handbook/handbook_pdf_start.html", {"edition": edition})

    def post(self, request, version):
        edition = get_object_or_404(HandbookEdition, version=version)
        job = start_job(request.user, kind=KIND, params={"version": edition.version})
        return redirect("jobs:detail", job.pk)
