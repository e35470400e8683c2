"""Thin views: each asks `members.access` or a `visible_to(user)` scope, calls a service and shows its refusal."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, ListView, TemplateView
from django_ratelimit.decorators import ratelimit

from evaluation import exports, services
from evaluation.criteria_default import CATEGORY_ORDER
from evaluation.forms import (
    ActivityForm,
    AdjustForm,
    ApproveForm,
    CriterionForm,
    MemberRatingForm,
    PeerRatingForm,
    ResultFilterForm,
    RulesForm,
    SelfAssessmentForm,
    TokenBatchForm,
    VoteForm,
    YearForm,
)
from evaluation.models import Criterion, EvaluationYear, Evidence, Grade, PeerRating, Phase, QuarterReport, Result, Source
from evaluation.services import EvaluationError
from members import audit
from members.mixins import CommitteeRequiredMixin, ManagerRequiredMixin, RoleRequiredMixin
from members.models import Member, Organisation
from members.views import rate_limited
from pioneer import ratelimits
from posts.models import PlaqueRecord, Window


def _querystring_without_page(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


ACTION_LABELS = {
    "evaluation.year.created": gettext_lazy("Year created"),
    "evaluation.year.quarterly": gettext_lazy("Quarterly activity started"),
    "evaluation.year.assessment": gettext_lazy("Assessment opened, criteria frozen"),
    "evaluation.year.review": gettext_lazy("Committee review started"),
    "evaluation.year.published": gettext_lazy("Results published"),
    "evaluation.year.closed": gettext_lazy("Year closed"),
    "evaluation.rules.changed": gettext_lazy("Rules changed"),
    "evaluation.criterion.changed": gettext_lazy("Criterion changed"),
    "evaluation.self_assessment.saved": gettext_lazy("Self-assessment saved"),
    "evaluation.window.scored": gettext_lazy("Organisation scored the window"),
    "evaluation.member.rated": gettext_lazy("Organisation rated the member"),
    "evaluation.result.approved": gettext_lazy("Approved by the committee"),
    "evaluation.result.adjusted": gettext_lazy("Adjusted by the committee"),
}
STATE_LABELS = {**dict(Phase.choices), **dict(Result.Status.choices)}


def _state(value: str) -> str:
    """A state in words; an approval's "93.00 good" shows its grade's label."""
    if value in STATE_LABELS:
        return STATE_LABELS[value]
    score, _sep, grade = (value or "").partition(" ")
    if grade in Grade.values:
        return f"{score} {Grade(grade).label}"
    return value


def history(entries):
    """Audit entries in words a secretary reads: what happened, from which state to which, and why."""
    return [
        {"entry": e, "label": ACTION_LABELS.get(e.action, e.action), "from": _state(e.from_state), "to": _state(e.to_state)}
        for e in entries
    ]


class YearMixin:
    """Load the evaluation year named in the URL (404 when there is none)."""

    def dispatch(self, request, *args, **kwargs):
        self.year = get_object_or_404(EvaluationYear, year=kwargs["year"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["year"] = self.year
        return ctx


# ---------------------------------------------------------------- years, rules, criteria, phases

class YearListView(RoleRequiredMixin, ListView):
    template_name = "evaluation/year_list.html"
    paginate_by = 25

    def get_queryset(self):
        return EvaluationYear.objects.order_by("-year")


class YearCreateView(CommitteeRequiredMixin, FormView):
    form_class = YearForm
    template_name = "evaluation/form_page.html"
    extra_context = {"title": gettext_lazy("New evaluation year")}

    def get_initial(self):
        latest = EvaluationYear.objects.order_by("-year").first()
        return {"year": latest.year + 1 if latest else timezone.localdate().year}

    def form_valid(self, form):
        try:
            year = services.create_year(form.cleaned_data["year"], self.request.user)
        except EvaluationError as exc:
            form.add_error("year", str(exc))
            return self.form_invalid(form)
        messages.success(self.request, _("Evaluation %(year)s created in set-up.") % {"year": year.year})
        return redirect("evaluation:year_detail", year=year.year)


NEXT_STEP = {
    Phase.SETUP: ("quarterly", gettext_lazy("Start quarterly activity")),
    Phase.QUARTERLY: ("assessment", gettext_lazy("Freeze criteria and open the year-end assessment")),
    Phase.ASSESSMENT: ("review", gettext_lazy("Close the assessment and the vote; start the committee review")),
    Phase.REVIEW: ("publish", gettext_lazy("Publish the results")),
    Phase.PUBLISHED: ("close", gettext_lazy("Close the year")),
}
STEP_SERVICES = {
    "quarterly": services.start_quarterly_activity,
    "assessment": services.open_assessment,
    "review": services.start_review,
    "publish": services.publish_results,
    "close": services.close_year,
}


class YearDetailView(YearMixin, RoleRequiredMixin, TemplateView):
    template_name = "evaluation/year_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        acc = self.acc
        ctx["phases"] = list(Phase)
        ctx["next_step"] = NEXT_STEP.get(self.year.phase) if acc.is_committee_staff else None
        ctx["own_result"] = (
            Result.objects.filter(year=self.year, kind=Result.Kind.MEMBER, member=acc.member).first() if acc.member else None
        )
        ctx["criteria_total"] = sum(self.year.criteria.values_list("max_points", flat=True))
        if acc.is_committee_staff:
            ctx["progress"] = dict(self.year.results.values_list("status").annotate(n=Count("pk")))
        ctx["history"] = history(audit.entries_for(self.year)[:20]) if acc.is_committee_staff else []
        return ctx


class PhaseView(YearMixin, CommitteeRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, year, step):
        service = STEP_SERVICES.get(step)
        if service is None:
            raise Http404
        try:
            moved = service(self.year, request.user)
        except EvaluationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The evaluation is now in “%(phase)s”.") % {"phase": Phase(moved.phase).label})
        return redirect("evaluation:year_detail", year=self.year.year)


class RulesView(YearMixin, CommitteeRequiredMixin, FormView):
    form_class = RulesForm
    template_name = "evaluation/form_page.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = EvaluationYear.objects.get(pk=self.year.pk)
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = _("Rules of the %(year)s evaluation") % {"year": self.year.year}
        return ctx

    def form_valid(self, form):
        try:
            services.update_rules(self.year, self.request.user, **{f: form.cleaned_data[f] for f in services.RULE_FIELDS})
        except EvaluationError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(self.request, _("Rules saved."))
        return redirect("evaluation:year_detail", year=self.year.year)


class CriteriaView(YearMixin, RoleRequiredMixin, TemplateView):
    template_name = "evaluation/criteria.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        criteria = list(self.year.criteria.all())
        labels = dict(Criterion.Category.choices)
        ctx["categories"] = [
            {"label": labels[cat], "items": [c for c in criteria if c.category == cat],
             "points": sum(c.max_points for c in criteria if c.category == cat)}
            for cat in CATEGORY_ORDER
        ]
        ctx["total"] = sum(c.max_points for c in criteria)
        ctx["count"] = len(criteria)
        ctx["can_edit"] = self.acc.is_committee_staff and not self.year.criteria_frozen
        return ctx


class CriterionEditView(YearMixin, CommitteeRequiredMixin, FormView):
    form_class = CriterionForm
    template_name = "evaluation/form_page.html"

    def get_form_kwargs(self):
        self.criterion = get_object_or_404(Criterion, year=self.year, pk=self.kwargs["pk"])
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Criterion.objects.get(pk=self.criterion.pk)
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = _("Edit criterion %(n)s") % {"n": self.criterion.number}
        return ctx

    def form_valid(self, form):
        try:
            services.update_criterion(self.criterion, self.request.user, **{k: form.cleaned_data[k] for k in ("category", "text", "max_points")})
        except EvaluationError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(self.request, _("Criterion saved."))
        return redirect("evaluation:criteria", year=self.year.year)


# ---------------------------------------------------------------- quarterly activity

class QuarterOverviewView(YearMixin, ManagerRequiredMixin, ListView):
    template_name = "evaluation/quarter_overview.html"
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
        window = get_object_or_404(Window.objects.managed_by(self.request.user).select_related("organisation"), pk=self.kwargs["window"])
        if self.kwargs["quarter"] not in (1, 2, 3, 4):
            raise Http404
        report = QuarterReport.objects.filter(year=self.year, window=window, quarter=self.kwargs["quarter"]).first()
        return window, report


class QuarterReportView(QuarterMixin, FormView):
    template_name = "evaluation/quarter_report.html"
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
        report = self.report or services.quarter_report(self.year, self.window, self.kwargs["quarter"])
        try:
            services.add_activity(
                report, self.request.user, date=form.cleaned_data["date"], kind=form.cleaned_data["kind"],
                description=form.cleaned_data["description"], participants=form.cleaned_data["participants"].select_related("branch"),
                files=form.cleaned_data["evidence"],
            )
        except EvaluationError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(self.request, _("Activity added."))
        return redirect(self.request.path)


class QuarterSubmitView(QuarterMixin, View):
    http_method_names = ["post"]

    def post(self, request, **kwargs):
        window, report = self.get_report()
        try:
            if report is None:
                raise EvaluationError(_("Record at least one activity before submitting the quarter."))
            services.submit_quarter(report, request.user)
        except EvaluationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Quarter submitted and locked."))
        return redirect("evaluation:quarter", year=self.year.year, window=window.pk, quarter=kwargs["quarter"])


# ---------------------------------------------------------------- member: self-report and peer review

class MemberYearMixin(YearMixin, RoleRequiredMixin):
    def allowed(self, acc):
        return acc.member is not None

    def own_result(self):
        result = Result.objects.filter(year=self.year, kind=Result.Kind.MEMBER, member=self.acc.member).first()
        if result is None:
            raise Http404
        return result


class SelfAssessmentView(MemberYearMixin, FormView):
    form_class = SelfAssessmentForm
    template_name = "evaluation/self_assessment.html"

    def get(self, request, *args, **kwargs):
        # A member who was not on a post when the assessment opened has no self-report: say so instead of a bare 404.
        if not Result.objects.filter(year=self.year, kind=Result.Kind.MEMBER, member=self.acc.member).exists():
            return render(request, "evaluation/self_assessment_none.html", {"year": self.year})
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        self.result = self.own_result()
        return {"report": self.result.self_report, "score": self.result.self_score}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.year.phase != Phase.ASSESSMENT or self.result.status != Result.Status.OPEN:
            kwargs.pop("data", None)
        return kwargs

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.year.phase != Phase.ASSESSMENT or self.result.status != Result.Status.OPEN:
            for field in form.fields.values():
                field.disabled = True
            form.helper.inputs = []
        return form

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["result"] = self.result
        return ctx

    def post(self, request, *args, **kwargs):
        self.result = self.own_result()
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            services.submit_self_assessment(self.result, self.request.user, report=form.cleaned_data["report"], score=form.cleaned_data["score"])
        except EvaluationError as exc:
            messages.error(self.request, str(exc))
            return redirect(self.request.path)
        messages.success(self.request, _("Your self-report is saved."))
        return redirect(self.request.path)


class PeerReviewView(MemberYearMixin, TemplateView):
    template_name = "evaluation/peer_review.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        me = self.acc.member
        peers = list(services.peers_to_rate(self.year, me))
        given = dict(PeerRating.objects.filter(year=self.year, rater=me).values_list("rated_id", "level"))
        labels = dict(PeerRating.Level.choices)
        ctx["rows"] = [{"member": p, "given": labels.get(given.get(p.pk))} for p in peers]
        ctx["levels"] = PeerRating.Level.choices
        ctx["open"] = self.year.phase == Phase.ASSESSMENT
        return ctx

    def post(self, request, *args, **kwargs):
        form = PeerRatingForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose one of the four ratings."))
            return redirect(request.path)
        rated = Member.objects.filter(pk=form.cleaned_data["rated"]).first()
        try:
            if rated is None:
                raise EvaluationError(_("You can only rate members of your own organisation."))
            services.rate_peer(self.year, self.acc.member, rated, form.cleaned_data["level"])
        except EvaluationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Your rating of %(name)s is recorded.") % {"name": rated.name})
        return redirect(request.path)


# ---------------------------------------------------------------- vote cards and the public vote

class TokenBatchView(YearMixin, CommitteeRequiredMixin, FormView):
    form_class = TokenBatchForm
    template_name = "evaluation/token_batches.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        from django.core.paginator import Paginator

        batches = self.year.token_batches.select_related("window", "created_by").order_by("-created_at", "-pk")
        ctx["page_obj"] = Paginator(batches, 25).get_page(self.request.GET.get("page"))
        ctx["is_paginated"] = ctx["page_obj"].has_other_pages()
        ctx["paginator"] = ctx["page_obj"].paginator
        return ctx

    def form_valid(self, form):
        try:
            batch, codes = services.generate_tokens(
                self.year, form.cleaned_data["window"], self.request.user,
                size=form.cleaned_data["size"], valid_days=form.cleaned_data["valid_days"],
                submission_key=form.cleaned_data["submission"],
            )
        except services.BatchAlreadyGenerated as exc:
            messages.warning(self.request, str(exc))
            return redirect("evaluation:tokens", year=self.year.year)
        except EvaluationError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        import segno

        base = self.request.build_absolute_uri(reverse("evaluation:vote"))
        cards = [
            {"code": services.format_token(code), "qr": segno.make(f"{base}#{code}", error="m").svg_data_uri(scale=3)}
            for code in codes
        ]
        # The codes exist only in this response: they are never stored, so print them now (and keep them out of caches).
        response = render(self.request, "evaluation/token_cards.html", {"batch": batch, "cards": cards, "vote_url": base, "year": self.year})
        patch_cache_control(response, no_store=True, private=True)
        return response


@method_decorator(ratelimit(key="ip", rate=ratelimits.rate("vote"), method="POST", block=False), name="post")
class VoteView(FormView):
    """The public's anonymous vote: the card's code arrives in the POST body, never in a URL."""

    form_class = VoteForm
    template_name = "evaluation/vote.html"

    def post(self, request, *args, **kwargs):
        # A hall of citizens shares one address: accepted votes are limited loosely, refused cards tightly.
        if getattr(request, "limited", False) or ratelimits.exceeded(request, "vote_failed"):
            return rate_limited(request)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        ratelimits.count_failure(self.request, "vote_failed")
        return super().form_invalid(form)

    def form_valid(self, form):
        try:
            window = services.cast_vote(form.cleaned_data["token"], form.cleaned_data["rating"])
        except EvaluationError as exc:
            form.add_error("token", str(exc))
            return self.form_invalid(form)
        return render(self.request, "evaluation/vote_done.html", {"window": window})


# ---------------------------------------------------------------- results

class ResultListView(YearMixin, RoleRequiredMixin, ListView):
    template_name = "evaluation/result_list.html"
    paginate_by = 25

    def get_queryset(self):
        self.units = Organisation.objects.units().order_by("code") if self.acc.is_committee_staff else Organisation.objects.none()
        self.filter_form = ResultFilterForm(self.request.GET or None, units=self.units)
        qs = Result.objects.visible_to(self.request.user).filter(year=self.year).select_related(
            "member__branch__parent", "window__organisation"
        )
        if self.filter_form.is_valid():
            data = self.filter_form.cleaned_data
            if data["kind"]:
                qs = qs.filter(kind=data["kind"])
            if data["grade"]:
                qs = qs.filter(grade=data["grade"])
            if data["status"]:
                qs = qs.filter(status=data["status"])
            if data["unit"]:
                qs = qs.filter(Q(window__organisation=data["unit"]) | Q(member__branch__parent=data["unit"]))
        # Ranking: highest final score first; results without a score yet at the end.
        return qs.order_by(F("final_score").desc(nulls_last=True), "kind", "pk")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["filter_form"] = self.filter_form
        ctx["querystring"] = _querystring_without_page(self.request)
        ctx["rank_start"] = ctx["page_obj"].start_index() if ctx.get("page_obj") else 1
        ctx["can_export"] = self.acc.manages_any
        if self.acc.is_committee_staff and self.year.phase == Phase.REVIEW:
            ctx["approve_form"] = ApproveForm()
            ctx["approve_form"].helper.form_action = reverse("evaluation:approve_remaining", args=[self.year.year])
            ctx["approve_form"].helper.form_class = "row g-2 align-items-end"
        return ctx


class ApproveRemainingView(YearMixin, CommitteeRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, year):
        form = ApproveForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        else:
            try:
                n = services.approve_remaining(self.year, request.user, committee_score=form.cleaned_data["committee_score"])
            except EvaluationError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("%(n)s results approved.") % {"n": n})
        return redirect("evaluation:results", year=self.year.year)


class ResultExportView(YearMixin, ManagerRequiredMixin, View):
    def get(self, request, year):
        qs = Result.objects.visible_to(request.user).filter(year=self.year)
        return exports.results_workbook_response(self.year, qs)


class ResultMixin(YearMixin, RoleRequiredMixin):
    def get_result(self, **lock):
        return get_object_or_404(
            Result.objects.visible_to(self.request.user).select_related("year", "member__branch__parent", "window__organisation"),
            year=self.year, pk=self.kwargs["pk"],
        )


class ResultDetailView(ResultMixin, TemplateView):
    template_name = "evaluation/result_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        result = self.result = self.get_result()
        acc = self.acc
        is_manager = acc.is_committee_staff or acc.manages(result.window.organisation if result.kind == "window" else result.member.branch)
        ctx["result"] = result
        # Members see their breakdown once it is published; managers see the live preview while it is assessed.
        ctx["show_breakdown"] = result.is_published or is_manager
        ctx["explained"] = services.explain(result) if ctx["show_breakdown"] else None
        ctx["labels"] = dict(Source.choices)
        ctx["is_committee"] = acc.is_committee_staff
        ctx["can_score"] = is_manager and self.year.phase == Phase.ASSESSMENT and result.status == Result.Status.OPEN
        ctx["can_review"] = acc.is_committee_staff and self.year.phase == Phase.REVIEW and not result.is_published
        ctx["approve_form"] = ApproveForm(initial={"committee_score": result.committee_score})
        ctx["approve_form"].helper.form_action = reverse("evaluation:result_approve", args=[self.year.year, result.pk])
        ctx["adjust_form"] = AdjustForm(initial={"points": result.adjustment, "reason": result.adjustment_reason})
        ctx["adjust_form"].helper.form_action = reverse("evaluation:result_adjust", args=[self.year.year, result.pk])
        if result.kind == Result.Kind.MEMBER:
            ctx["peer_count"], ctx["peer_average"] = services.peer_summary(self.year, result.member_id)
        ctx["history"] = history(audit.entries_for(result)[:50]) if (is_manager or acc.is_committee_staff) else []
        if result.kind == Result.Kind.WINDOW:
            ctx["plaque"] = PlaqueRecord.objects.filter(window=result.window, year=self.year.year + 1).first()
        return ctx


class ScoreView(ResultMixin, TemplateView):
    """Step 4: the organisation scores a window against every criterion, or rates a member."""

    template_name = "evaluation/score.html"

    def setup_result(self):
        self.result = self.get_result()
        subject_org = self.result.window.organisation if self.result.kind == Result.Kind.WINDOW else self.result.member.branch
        if not self.acc.manages(subject_org):
            raise PermissionDenied

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["result"] = self.result
        if self.result.kind == Result.Kind.WINDOW:
            scores = {s.criterion_id: s for s in self.result.criterion_scores.all()}
            ctx["rows"] = [{"criterion": c, "score": scores.get(c.pk)} for c in self.year.criteria.all()]
            ctx["total"] = sum(s.score for s in scores.values())
            ctx["quarters"] = [1, 2, 3, 4]
            ctx["activity_count"] = sum(
                r.activity_count for r in QuarterReport.objects.filter(year=self.year, window=self.result.window).annotate(
                    activity_count=Count("activities"))
            )
        else:
            ctx["form"] = kwargs.get("form") or MemberRatingForm(initial={"score": self.result.organisation_score, "note": self.result.organisation_note})
        ctx["open"] = self.year.phase == Phase.ASSESSMENT and self.result.status == Result.Status.OPEN
        return ctx

    def get(self, request, *args, **kwargs):
        self.setup_result()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.setup_result()
        try:
            if self.result.kind == Result.Kind.WINDOW:
                scores = {}
                for criterion in self.year.criteria.all():
                    value = request.POST.get(f"score_{criterion.pk}", "").strip()
                    if value:
                        scores[criterion.pk] = (value, request.POST.get(f"note_{criterion.pk}", ""))
                services.score_window(self.result, request.user, scores)
            else:
                form = MemberRatingForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(form=form))
                services.rate_member_by_organisation(self.result, request.user, score=form.cleaned_data["score"], note=form.cleaned_data["note"])
        except EvaluationError as exc:
            messages.error(request, str(exc))
            return redirect(request.path)
        messages.success(request, _("Scores saved."))
        return redirect("evaluation:result_detail", year=self.year.year, pk=self.result.pk)


class ReviewActionView(ResultMixin, View):
    http_method_names = ["post"]
    form_class = None

    def post(self, request, **kwargs):
        result = self.get_result()
        if not self.acc.is_committee_staff:
            raise PermissionDenied
        form = self.form_class(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        else:
            try:
                self.act(result, form.cleaned_data)
            except EvaluationError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, self.done)
        return redirect("evaluation:result_detail", year=self.year.year, pk=result.pk)


class ApproveView(ReviewActionView):
    form_class = ApproveForm
    done = gettext_lazy("Result approved.")

    def act(self, result, data):
        services.approve_result(result, self.request.user, committee_score=data["committee_score"])


class AdjustView(ReviewActionView):
    form_class = AdjustForm
    done = gettext_lazy("Adjustment recorded.")

    def act(self, result, data):
        services.adjust_result(result, self.request.user, points=data["points"], reason=data["reason"])


# ---------------------------------------------------------------- plaques

class PlaqueDecisionsView(YearMixin, ListView):
    """Public: next year's plaque of each window and why (score, grade, the rule that applied)."""

    template_name = "evaluation/plaques.html"
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


class DecidePlaquesView(YearMixin, CommitteeRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, year):
        try:
            records = services.decide_plaques(self.year, request.user)
        except EvaluationError as exc:
            messages.error(request, str(exc))
            return redirect("evaluation:year_detail", year=self.year.year)
        messages.success(request, _("%(n)s plaque decisions recorded.") % {"n": len(records)})
        return redirect("evaluation:plaques", year=self.year.year)


class EvidenceDownloadView(RoleRequiredMixin, View):
    """Evidence files are private: served only to those who may see the quarter's report."""

    def get(self, request, pk):
        evidence = get_object_or_404(
            Evidence.objects.select_related("activity__report"),
            pk=pk,
            activity__report__in=QuarterReport.objects.visible_to(request.user),
        )
        return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=str(evidence))
