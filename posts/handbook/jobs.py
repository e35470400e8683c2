"""The handbook PDF as a background job, and the page that starts it (GET asks, POST starts)."""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy, gettext_noop
from django.views import View

from members.jobs.registry import register_job
from members.jobs.services import JobRefusal, Outcome, start_job
from posts.handbook.pdf import edition_pdf
from posts.models import HandbookEdition
from posts.pages import StaffMixin

KIND = "posts.handbook.pdf"
NO_EDITION = gettext_noop("This handbook edition does not exist.")


def make_handbook_pdf(job, progress, *, version):
    edition = HandbookEdition.objects.filter(version=version).first()
    if edition is None:
        raise JobRefusal(NO_EDITION)
    pdf = edition_pdf(edition, progress=progress)
    # Only reads: a second run after a dead worker simply renders again.
    return Outcome(data={"version": version}, file=pdf, filename=f"{edition.title}-{version}.pdf")


register_job(KIND, make_handbook_pdf, title=gettext_lazy("Handbook edition as PDF"))


class HandbookPdfView(StaffMixin, View):
    def get(self, request, version):
        edition = get_object_or_404(HandbookEdition, version=version)
        return render(request, "posts/handbook/handbook_pdf_start.html", {"edition": edition})

    def post(self, request, version):
        edition = get_object_or_404(HandbookEdition, version=version)
        job = start_job(request.user, kind=KIND, params={"version": edition.version})
        return redirect("jobs:detail", job.pk)
