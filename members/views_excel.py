"""Excel downloads and previewed uploads: the members' and organisations' own, and those the apps register (see members/urls_excel.py).

Exports use the same scope (`visible_to`) and filters as the list pages; one of more than
EXCEL_INLINE_EXPORT_ROWS rows runs as a job whose file is downloaded from the job page.
Imports: upload (checked and stored) → preview job → preview page (GET) → apply job (POST) or cancel.
"""

import datetime

from django import forms
from django.contrib import messages
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from members import excel_jobs, imports
from members.exports import filtered_members
from members.forms import CrispyMixin
from members.jobs.models import Job
from members.jobs.services import start_job
from members.mixins import ManagerRequiredMixin, RoleRequiredMixin, show_refusal
from members.models import Organisation
from pioneer import excel
from pioneer.errors import Refusal

PREVIEW_ROW_LIMIT = 300  # rows of each list per page of the preview


def export_or_job(request, code, exporter, query=None):
    """Send a small export at once; start a job for a large one (the count is one cheap COUNT query).

    The job keeps only the code and the query (the request's GET unless told otherwise): it rebuilds the
    export from its starter's scope as it is when it runs (`excel_jobs.exporter_for`).
    """
    rows = exporter.count()
    if rows is None or rows <= excel_jobs.inline_export_rows():
        return exporter.response()
    query = request.GET.urlencode() if query is None else query
    job = start_job(request.user, kind=excel_jobs.EXPORT, params={"code": code, "query": query},
                    scope=excel_jobs.job_scope(request.user))
    return redirect("jobs:detail", job.pk)


class MemberExportView(ManagerRequiredMixin, View):
    def get(self, request):
        return export_or_job(request, "members", excel_jobs.MemberExporter(filtered_members(request.user, request.GET)))


class OrganisationExportView(ManagerRequiredMixin, View):
    def get(self, request):
        return export_or_job(request, "organisations", excel_jobs.OrganisationExporter(Organisation.objects.visible_to(request.user)))


class ScopedExportView(ManagerRequiredMixin, View):
    """Any exporter built from the user and the query: the ones the apps register (`pioneer.excel.register_export`)."""

    exporter_class = None
    code = ""

    def get(self, request):
        return export_or_job(request, self.code, self.exporter_class(request.user, request.GET))


class ImportSpecMixin(RoleRequiredMixin):
    spec_code = ""

    @property
    def spec(self):
        return imports.SPECS[self.spec_code]

    def allowed(self, acc):
        return self.spec.allowed(acc)

    def url(self, name):
        return reverse(f"members:excel:{self.spec_code}_{name}")

    def done_url(self):
        return reverse(self.spec.done_url_name)


class ImportTemplateView(ImportSpecMixin, View):
    def get(self, request):
        return self.spec.template().response()


class UploadForm(CrispyMixin, forms.Form):
    submit_label = gettext_lazy("Upload and preview")
    file = forms.FileField(
        label=gettext_lazy("Excel workbook (.xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            excel.check_upload(upload, upload.name)
        except Refusal as exc:
            raise forms.ValidationError(exc.message) from exc
        return upload


class ImportUploadView(ImportSpecMixin, FormView):
    form_class = UploadForm
    template_name = "excel/import_form.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = self.spec.title
        ctx["template_url"] = self.url("template")
        ctx["columns"] = self.spec.columns
        ctx["max_mb"] = round(excel.limit("MAX_UPLOAD_BYTES") / 1024 / 1024, 1)
        return ctx

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        path = imports.store_upload(self.request.user, upload=upload, spec=self.spec)
        job = start_job(self.request.user, kind=excel_jobs.PREVIEW,
                        params={"code": self.spec_code, "path": path, "name": (upload.name or "")[:120]},
                        scope=excel_jobs.job_scope(self.request.user))
        return redirect("jobs:detail", job.pk)


class PreviewJobMixin(ImportSpecMixin):
    def preview_job(self, job_id) -> Job:
        """The user's own finished preview of this import whose upload is still there; else a Refusal."""
        job = excel_jobs.preview_job_of(self.request.user, job_id=job_id, code=self.spec_code)
        if job is None or job.created_at < timezone.now() - datetime.timedelta(seconds=imports.TOKEN_MAX_AGE):
            raise imports.expired()
        if not job.result_data.get("applied_by") and not default_storage.exists(job.params["path"]):
            raise imports.expired()  # cancelled, or swept away by the clean-up
        return job


class ImportPreviewView(PreviewJobMixin, View):
    template_name = "excel/import_preview.html"

    def get(self, request):
        try:
            job = self.preview_job(request.GET.get("job", ""))
        except Refusal as exc:
            show_refusal(request, exc)
            return redirect(self.url("upload"))
        if job.state != Job.State.DONE:
            return redirect("jobs:detail", job.pk)  # still running, or failed: the job page says which
        if job.result_data.get("applied_by"):
            messages.info(request, _("This upload has already been imported; nothing was imported a second time."))
            return redirect("jobs:detail", job.result_data["applied_by"])
        return self.page(request, job)

    def page(self, request, job):
        data = job.result_data
        rows = excel_jobs.load_details(data.get("details", ""))
        problems = _page(request, [r for r in rows if r.status == "invalid"], "problems")
        changes = _page(request, [r for r in rows if r.status in ("new", "update")], "changes")
        return render(request, self.template_name, {
            "title": self.spec.title,
            "spec": self.spec,
            "job": job,
            "report": {"file_errors": excel_jobs.file_errors(data), "ok": data.get("ok"), "changes": data.get("changes")},
            "counts": data.get("counts", {}),
            "filename": job.params.get("name", ""),
            "problem_rows": problems,
            "change_rows": changes,
            "more_problems": problems.paginator.count - problems.end_index(),
            "more_changes": changes.paginator.count - changes.end_index(),
            "apply_url": self.url("apply"),
            "cancel_url": self.url("cancel"),
            "upload_url": self.url("upload"),
        })


def _page(request, rows, param):
    """One page of one of the preview's lists, with links that keep the other list's page."""
    page = Paginator(rows, PREVIEW_ROW_LIMIT).get_page(request.GET.get(param))

    def link(number):
        query = request.GET.copy()
        query[param] = number
        return f"?{query.urlencode()}"

    page.previous_url = link(page.previous_page_number()) if page.has_previous() else ""
    page.next_url = link(page.next_page_number()) if page.has_next() else ""
    return page


class ImportApplyView(ImportPreviewView):
    http_method_names = ["post"]

    def post(self, request):
        try:
            job = self.preview_job(request.POST.get("job", ""))
        except Refusal as exc:
            show_refusal(request, exc)
            return redirect(self.url("upload"))
        if job.state != Job.State.DONE:
            return redirect("jobs:detail", job.pk)
        if job.result_data.get("applied_by"):
            messages.info(request, _("This upload has already been imported; nothing was imported a second time."))
            return redirect("jobs:detail", job.result_data["applied_by"])
        if not job.result_data.get("ok"):
            messages.error(request, _("Nothing was imported: the file has problems. Correct them and upload it again."))
            return self.page(request, job)
        applying = start_job(request.user, kind=excel_jobs.APPLY, params={"preview": str(job.pk)}, scope=job.scope)
        return redirect("jobs:detail", applying.pk)


class ImportCancelView(PreviewJobMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        try:
            job = self.preview_job(request.POST.get("job", ""))
        except Refusal:
            job = None  # not this user's: there is nothing of theirs to discard
        if job is not None and not job.result_data.get("applied_by"):
            imports.discard(job.params.get("path", ""), job.result_data.get("details", ""), job.result_data.get("rows_file", ""))
        messages.info(request, _("The upload was discarded; nothing was imported."))
        return redirect(self.done_url())
