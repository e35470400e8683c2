"""The job pages: the list, one job with its progress, its status as JSON for the page's script, its file."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView

from members.jobs.models import Job
from members.jobs.registry import get_kind
from members.jobs.services import live_progress
from members.mixins import RoleRequiredMixin, get_visible_or_404


def _jobs():
    return Job.objects.select_related("created_by", "scope")


class JobListView(RoleRequiredMixin, ListView):
    template_name = "jobs/job_list.html"
    paginate_by = 25

    def get_queryset(self):
        return _jobs().visible_to(self.request.user)


class JobDetailView(RoleRequiredMixin, DetailView):
    template_name = "jobs/job_detail.html"
    context_object_name = "job"

    def get_object(self, queryset=None):
        return live_progress(get_visible_or_404(_jobs(), self.request.user, pk=self.kwargs["pk"]))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        job, kind = self.object, get_kind(self.object.kind)
        ctx["summary"] = kind.summary(job) if kind and kind.summary and job.is_finished else list(job.result_data.items())
        ctx["next"] = next_link(job)
        return ctx


def next_link(job: Job) -> tuple[str, str, bool] | None:
    """The kind's link for a finished job, as (label, URL, whether the page's script follows it)."""
    kind = get_kind(job.kind)
    link = kind.link(job) if kind and kind.link and job.is_finished else None
    if link is None:
        return None
    url = reverse(link.url_name, args=link.args)
    return str(link.label), f"{url}?{urlencode(link.query)}" if link.query else url, link.follow


def status_of(job: Job) -> dict:
    return {
        "state": job.state,
        "state_label": str(job.get_state_display()),
        "finished": job.is_finished,
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "message": job.message,
        "download_url": reverse("jobs:download", args=[job.pk]) if job.result_file else None,
        "next_url": link[1] if (link := next_link(job)) and link[2] and job.state == Job.State.DONE else None,
    }


@require_GET
@login_required
def job_status(request, pk):
    job = get_visible_or_404(Job.objects.all(), request.user, pk=pk)
    response = JsonResponse(status_of(live_progress(job)))
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@login_required
def job_download(request, pk):
    job = get_visible_or_404(Job.objects.all(), request.user, pk=pk)
    if not job.result_file:
        raise Http404
    try:
        handle = job.result_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    # FileResponse encodes a Chinese file name for the Content-Disposition header (RFC 5987).
    return FileResponse(handle, as_attachment=True, filename=job.result_name or "result")
