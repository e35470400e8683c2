"""Excel downloads and previewed uploads: the members' and organisations' own, and those the apps register (see members/urls_excel.py).

Exports use the same scope (`visible_to`) and filters as the list pages.
Imports: upload → preview (GET, from the stored file) → apply (POST) or cancel.
"""

from django import forms
from django.contrib import messages
from django.core.files.storage import default_storage
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from members import imports
from members.exports import MemberExporter, OrganisationExporter
from members.forms import CrispyMixin, MemberFilterForm
from members.mixins import ManagerRequiredMixin, RoleRequiredMixin, show_refusal
from members.models import Member, Organisation
from pioneer import excel
from pioneer.errors import Refusal

PREVIEW_ROW_LIMIT = 300


def filtered_members(request):
    """The members the list page shows for this request's filters."""
    branches = Organisation.objects.managed_by(request.user).branches()
    return MemberFilterForm(request.GET or None, branches=branches).filter(Member.objects.visible_to(request.user))


class MemberExportView(ManagerRequiredMixin, View):
    def get(self, request):
        return MemberExporter(filtered_members(request)).response()


class OrganisationExportView(ManagerRequiredMixin, View):
    def get(self, request):
        return OrganisationExporter(Organisation.objects.visible_to(request.user)).response()


class ScopedExportView(ManagerRequiredMixin, View):
    """Any exporter built from the user alone: the ones the apps register (`pioneer.excel.register_export`)."""

    exporter_class = None

    def get(self, request):
        return self.exporter_class(request.user).response()


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
        token = imports.store_upload(self.request.user, upload=form.cleaned_data["file"], spec=self.spec)
        return redirect(f"{self.url('preview')}?{urlencode({'token': token})}")


class ImportPreviewView(ImportSpecMixin, View):
    template_name = "excel/import_preview.html"

    def get(self, request):
        return self.check(request, request.GET.get("token", ""), apply=False)

    def check(self, request, token, *, apply):
        try:
            data = imports.read_token(request.user, token=token, spec=self.spec)
        except Refusal as exc:
            show_refusal(request, exc)
            return redirect(self.url("upload"))
        with default_storage.open(data["path"], "rb") as fileobj:
            report = imports.run(request.user, spec=self.spec, fileobj=fileobj, apply=apply, filename=data["name"])
        if report.applied:
            imports.discard(data)
            messages.success(
                request,
                _("The import is done: %(new)s new, %(update)s changed, %(skip)s unchanged.") % report.counts,
            )
            return redirect(self.done_url())
        if apply:
            messages.error(request, _("Nothing was imported: the file has problems. Correct them and upload it again."))
        problem_rows = [r for r in report.rows if r.status == "invalid"]
        change_rows = [r for r in report.rows if r.status in ("new", "update")]
        return render(request, self.template_name, {
            "title": self.spec.title,
            "spec": self.spec,
            "report": report,
            "counts": report.counts,
            "filename": data["name"],
            "token": token,
            "problem_rows": problem_rows[:PREVIEW_ROW_LIMIT],
            "change_rows": change_rows[:PREVIEW_ROW_LIMIT],
            "more_problems": max(len(problem_rows) - PREVIEW_ROW_LIMIT, 0),
            "more_changes": max(len(change_rows) - PREVIEW_ROW_LIMIT, 0),
            "apply_url": self.url("apply"),
            "cancel_url": self.url("cancel"),
            "upload_url": self.url("upload"),
        })


class ImportApplyView(ImportPreviewView):
    http_method_names = ["post"]

    def post(self, request):
        return self.check(request, request.POST.get("token", ""), apply=True)


class ImportCancelView(ImportSpecMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        try:
            imports.discard(imports.read_token(request.user, token=request.POST.get("token", ""), spec=self.spec))
        except Refusal:
            pass  # expired or not this user's: there is nothing of theirs to discard
        messages.info(request, _("The upload was discarded; nothing was imported."))
        return redirect(self.done_url())

