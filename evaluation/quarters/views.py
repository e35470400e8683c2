"""Quarterly activity pages: the overview of late and missing quarters, one quarter's activities, the evidence files."""

from django.contrib import messages
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView

from evaluation.guards import YearMixin, get_evidence_for_user, get_quarter_report, get_quarter_window_for_user
from evaluation.models import QuarterReport
from evaluation.quarters import services
from evaluation.quarters.forms import ActivityForm
from members.mixins import ManagerRequiredMixin, RoleRequiredMixin, show_refusal
from pioneer.errors import Refusal
from posts.models import Window


class QuarterOverviewView(YearMixin, ManagerRequiredMixin, ListView):
    template_name = "evaluation/quarters/quarter_overview.html"
    paginate_by = 25

    def get_queryset(self):
        return Window.objects.managed_by(self.request.user).select_related("organisation").prefetch_related(
            Prefetch("quarter_reports", queryset=QuarterReport.objects.filter(year=self.year).select_related("year"), to_attr="year_reports")
        ).order_by("organisation__code", "code")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        rows = []
        for window in ctx["object_list"]:
            by_quarter = {r.quarter: r for r in window.year_reports}
            cells = []
            for q in range(1, 5):
                report = by_quarter.get(q)
                deadline = self.year.quarter_deadline(q)
                overdue = report is None or not report.is_locked
                overdue = overdue and timezone.localdate() > deadline
                cells.append({"quarter": q, "report": report, "late": report.is_late if report else overdue, "missing": overdue})
            rows.append({"window": window, "cells": cells})
        ctx["rows"] = rows
        return ctx


class QuarterMixin(YearMixin, ManagerRequiredMixin):
    def get_report(self):
        window = get_quarter_window_for_user(self.request, self.kwargs["window"])
        if self.kwargs["quarter"] not in (1, 2, 3, 4):
            raise Http404
        return window, get_quarter_report(self.year, window, self.kwargs["quarter"])


class QuarterReportView(QuarterMixin, FormView):
    template_name = "evaluation/quarters/quarter_report.html"
    form_class = ActivityForm

    def get_form_kwargs(self):
        self.window, self.report = self.get_report()
        kwargs = super().get_form_kwargs()
        kwargs["window"] = self.window
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["window"] = self.window
        ctx["report"] = self.report
        ctx["quarter"] = self.kwargs["quarter"]
        ctx["activities"] = (
            self.report.activities.prefetch_related("participants", "evidence") if self.report else []
        )
        ctx["locked"] = bool(self.report and self.report.is_locked)
        return ctx

    def form_valid(self, form):
        report = self.report or services.quarter_report(year=self.year, window=self.window, quarter=self.kwargs["quarter"])
        try:
            services.add_activity(
                self.request.user, report=report, date=form.cleaned_data["date"], kind=form.cleaned_data["kind"],
                description=form.cleaned_data["description"], participants=form.cleaned_data["participants"].select_related("branch"),
                files=form.cleaned_data["evidence"],
            )
        except Refusal as exc:
            show_refusal(self.request, exc, form=form)
            return self.form_invalid(form)
        messages.success(self.request, _("Activity added."))
        return redirect(self.request.path)


class QuarterSubmitView(QuarterMixin, View):
    http_method_names = ["post"]

    def post(self, request, **kwargs):
        window, report = self.get_report()
        try:
            services.submit_quarter(request.user, report=report)
        except Refusal as exc:
            show_refusal(request, exc)
        else:
            messages.success(request, _("Quarter submitted and locked."))
        return redirect("evaluation:quarter", year=self.year.year, window=window.pk, quarter=kwargs["quarter"])


class EvidenceDownloadView(RoleRequiredMixin, View):
    """Evidence files are private: served only to those who may see the quarter's report."""

    def get(self, request, pk):
        evidence = get_evidence_for_user(request, pk)
        return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=str(evidence))
