"""Results pages: the ranked list and its export, one result with its breakdown, the plaque decisions."""

from django.db.models import F
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import ListView, TemplateView

from evaluation import exports, jobs
from evaluation.guards import YearMixin, get_result_for_user, may_score
from evaluation.history import history
from evaluation.models import Phase, Result, Source
from evaluation.results import explanation, plaques
from evaluation.results.breakdown import breakdown
from evaluation.results.forms import filtered_results
from evaluation.review.forms import AdjustForm, ApproveForm
from members import audit
from members.mixins import CommitteeRequiredMixin, ManagerRequiredMixin, RoleRequiredMixin, show_refusal
from members.views_excel import export_or_job
from pioneer.errors import Refusal
from posts.models import PlaqueRecord


class ResultListView(YearMixin, RoleRequiredMixin, ListView):
    template_name = "evaluation/results/result_list.html"
    paginate_by = 25

    def get_queryset(self):
        self.filter_form, qs = filtered_results(self.request.user, self.year, self.request.GET)
        qs = qs.select_related("member__branch__parent", "window__organisation").defer(
            "snapshot", "self_report"
        )  # the published snapshot is 2 KB a row and the list shows none of it
        # Ranking: highest final score first; results without a score yet at the end.
        return qs.order_by(F("final_score").desc(nulls_last=True), "kind", "pk")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["filter_form"] = self.filter_form
        ctx["rank_start"] = ctx["page_obj"].start_index() if ctx.get("page_obj") else 1
        ctx["can_export"] = self.acc.manages_any
        if self.acc.is_committee_staff and self.year.phase == Phase.REVIEW:
            ctx["approve_form"] = ApproveForm()
            ctx["approve_form"].helper.form_action = reverse("evaluation:approve_remaining", args=[self.year.year])
            ctx["approve_form"].helper.form_class = "row g-2 align-items-end"
        return ctx


class ResultExportView(YearMixin, ManagerRequiredMixin, View):
    """The year's results with the list's filters: the file at once, or a job above EXCEL_INLINE_EXPORT_ROWS."""

    def get(self, request, year):
        query = request.GET.copy()
        query.pop("page", None)
        query["year"] = str(self.year.year)
        exporter = exports.ResultsExporter(request.user, query, year=self.year)
        return export_or_job(request, exports.RESULTS, exporter, query=query.urlencode())


class ResultDetailView(YearMixin, RoleRequiredMixin, TemplateView):
    template_name = "evaluation/results/result_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        result = get_result_for_user(self.request, self.year, self.kwargs["pk"])
        acc = self.acc
        is_manager = acc.is_committee_staff or may_score(acc, result)
        ctx["result"] = result
        # Members see their breakdown once it is published; managers see the live preview while it is assessed.
        ctx["show_breakdown"] = result.is_published or is_manager
        ctx["explained"] = explanation.explain(result) if ctx["show_breakdown"] else None
        ctx["shown"] = breakdown(ctx["explained"], self.year, result.kind) if ctx["explained"] else None
        ctx["labels"] = dict(Source.choices)
        ctx["is_committee"] = acc.is_committee_staff
        ctx["can_score"] = is_manager and self.year.phase == Phase.ASSESSMENT and result.status == Result.Status.OPEN
        ctx["can_review"] = acc.is_committee_staff and self.year.phase == Phase.REVIEW and not result.is_published
        ctx["approve_form"] = ApproveForm(initial={"committee_score": result.committee_score})
        ctx["approve_form"].helper.form_action = reverse("evaluation:result_approve", args=[self.year.year, result.pk])
        ctx["adjust_form"] = AdjustForm(initial={"points": result.adjustment, "reason": result.adjustment_reason})
        ctx["adjust_form"].helper.form_action = reverse("evaluation:result_adjust", args=[self.year.year, result.pk])
        if result.kind == Result.Kind.MEMBER:
            ctx["peer_count"], ctx["peer_average"] = explanation.peer_summary(self.year, result.member_id)
        ctx["history"] = history(audit.entries_for(result)[:50]) if is_manager else []
        if result.kind == Result.Kind.WINDOW:
            ctx["plaque"] = PlaqueRecord.objects.filter(window=result.window, year=self.year.year + 1).first()
        return ctx


class PlaqueDecisionsView(YearMixin, ListView):
    """Public: next year's plaque of each window and why (score, grade, the rule that applied)."""

    template_name = "evaluation/results/plaques.html"
    paginate_by = 50

    def get_queryset(self):
        return PlaqueRecord.objects.filter(year=self.year.year + 1, source=PlaqueRecord.Source.EVALUATION).select_related(
            "window__organisation").order_by("window__organisation__code", "window__code")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["next_year"] = self.year.year + 1
        # Why: each window's published breakdown by source (scores only: no ballot, rating or person behind them).
        window_ids = [p.window_id for p in ctx["object_list"]]
        snapshots = dict(
            Result.objects.windows().filter(year=self.year, status=Result.Status.PUBLISHED, window_id__in=window_ids)
            .values_list("window_id", "snapshot")
        )
        labels = dict(Source.choices)
        ctx["rows"] = [
            {"plaque": p, "lines": [
                {"label": labels[line["source"]], "score": line["score"]}
                for line in (snapshots.get(p.window_id) or {}).get("outcome", {}).get("lines", []) if line["score"] is not None
            ]}
            for p in ctx["object_list"]
        ]
        return ctx


class DecidePlaquesView(YearMixin, CommitteeRequiredMixin, TemplateView):
    """GET: the confirmation page (how many windows, which year, by which standard; it changes nothing). POST: the job."""

    template_name = "confirm.html"

    def get_context_data(self, **kwargs):
        year, next_year = self.year, self.year.year + 1
        windows = year.results.windows().count()
        details = [
            _("Pioneer post plaque from %(pioneer)s points, striving plaque from %(striving)s points; an upheld serious "
              "complaint vetoes the plaque.") % {"pioneer": year.pioneer_min, "striving": year.striving_min}
            if year.veto_on_serious_complaint else
            _("Pioneer post plaque from %(pioneer)s points, striving plaque from %(striving)s points.")
            % {"pioneer": year.pioneer_min, "striving": year.striving_min},
            _("Each decision is written in the public plaque register with its reason."),
        ]
        if year.plaques_decided_at:
            details.append(_("The plaques were decided on %(day)s: deciding again replaces those decisions.")
                           % {"day": timezone.localdate(year.plaques_decided_at)})
        blocked = plaques.plaques_blocked(year)
        return super().get_context_data(
            title=_("Decide the plaques for %(year)s") % {"year": next_year}, confirm_label=_("Decide next year's plaques"),
            question=ngettext(
                "The plaque of %(n)s window for %(next)s will be decided from its published %(year)s result.",
                "The plaques of %(n)s windows for %(next)s will be decided from their published %(year)s results.", windows,
            ) % {"n": windows, "next": next_year, "year": year.year},
            details=details, blocked=blocked, cancel_url=reverse("evaluation:year_detail", args=[year.year]), **kwargs,
        )

    def post(self, request, year):
        try:
            job = jobs.start_year_end_job(request.user, kind=jobs.PLAQUES, year=self.year)
        except Refusal as exc:
            show_refusal(request, exc)
            return redirect("evaluation:year_detail", year=self.year.year)
        return redirect("jobs:detail", pk=job.pk)
