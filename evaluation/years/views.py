"""The year's pages: the list, one year with its next step, the rules, the criteria; the phase moves."""

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, ListView, TemplateView

from evaluation import jobs
from evaluation.guards import YearMixin, get_criterion_or_404, get_own_result
from evaluation.history import history
from evaluation.models import Criterion, EvaluationYear, Phase
from evaluation.years import services, steps
from evaluation.years.criteria_default import CATEGORY_ORDER
from evaluation.years.forms import CriterionForm, RulesForm, YearForm
from members import audit
from members.mixins import CommitteeRequiredMixin, RoleRequiredMixin, show_refusal
from pioneer.errors import Refusal


class YearListView(RoleRequiredMixin, ListView):
    template_name = "evaluation/years/year_list.html"
    paginate_by = 25

    def get_queryset(self):
        return EvaluationYear.objects.order_by("-year")


class YearCreateView(CommitteeRequiredMixin, FormView):
    form_class = YearForm
    template_name = "evaluation/years/form_page.html"
    extra_context = {"title": gettext_lazy("New evaluation year")}

    def get_initial(self):
        latest = EvaluationYear.objects.order_by("-year").first()
        return {"year": latest.year + 1 if latest else timezone.localdate().year}

    def form_valid(self, form):
        try:
            year = services.create_year(self.request.user, number=form.cleaned_data["year"])
        except Refusal as exc:
            show_refusal(self.request, exc, form=form, field="year")
            return self.form_invalid(form)
        messages.success(self.request, _("Evaluation %(year)s created in set-up.") % {"year": year.year})
        return redirect("evaluation:year_detail", year=year.year)


STEP_SERVICES = {
    "quarterly": services.start_quarterly_activity,
    "assessment": services.open_assessment,
    "review": services.start_review,
    "close": services.close_year,
}


class YearDetailView(YearMixin, RoleRequiredMixin, TemplateView):
    template_name = "evaluation/years/year_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        acc = self.acc
        ctx["phases"] = list(Phase)
        ctx["next_step"] = steps.NEXT_STEP.get(self.year.phase) if acc.is_committee_staff else None
        ctx["own_result"] = get_own_result(self.request, self.year)
        ctx["criteria_total"] = sum(self.year.criteria.values_list("max_points", flat=True))
        if acc.is_committee_staff:
            ctx["progress"] = dict(self.year.results.values_list("status").annotate(n=Count("pk")))
        ctx["history"] = history(audit.entries_for(self.year)[:20]) if acc.is_committee_staff else []
        return ctx


class PhaseView(YearMixin, CommitteeRequiredMixin, TemplateView):
    """GET: the step's confirmation page (what will happen, in words; it changes nothing). POST: the move."""

    template_name = "confirm.html"

    def get_context_data(self, **kwargs):
        step = self.kwargs["step"]
        if step not in steps.STEP_FROM:
            raise Http404
        cancel_url = reverse("evaluation:year_detail", args=[self.year.year])
        return super().get_context_data(**steps.confirmation(self.year, step), cancel_url=cancel_url, **kwargs)

    def post(self, request, year, step):
        if step == "publish":
            return self.publish(request)
        service = STEP_SERVICES.get(step)
        if service is None:
            raise Http404
        try:
            moved = service(request.user, year=self.year)
        except Refusal as exc:
            show_refusal(request, exc)
        else:
            messages.success(request, _("The evaluation is now in “%(phase)s”.") % {"phase": Phase(moved.phase).label})
        return redirect("evaluation:year_detail", year=self.year.year)

    def publish(self, request):
        # Publishing writes every result: a job, followed on its page.
        try:
            job = jobs.start_year_end_job(request.user, kind=jobs.PUBLISH, year=self.year)
        except Refusal as exc:
            show_refusal(request, exc)
            return redirect("evaluation:year_detail", year=self.year.year)
        return redirect("jobs:detail", pk=job.pk)


class RulesView(YearMixin, CommitteeRequiredMixin, FormView):
    form_class = RulesForm
    template_name = "evaluation/years/form_page.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        # A copy: validating the form writes its values onto the instance, and the page's year must stay as stored.
        kwargs["instance"] = EvaluationYear.objects.get(pk=self.year.pk)
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = _("Rules of the %(year)s evaluation") % {"year": self.year.year}
        return ctx

    def form_valid(self, form):
        try:
            services.update_rules(self.request.user, year=self.year, **{f: form.cleaned_data[f] for f in services.RULE_FIELDS})
        except Refusal as exc:
            show_refusal(self.request, exc, form=form)
            return self.form_invalid(form)
        messages.success(self.request, _("Rules saved."))
        return redirect("evaluation:year_detail", year=self.year.year)


class CriteriaView(YearMixin, RoleRequiredMixin, TemplateView):
    template_name = "evaluation/years/criteria.html"

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
    template_name = "evaluation/years/form_page.html"

    def get_form_kwargs(self):
        self.criterion = get_criterion_or_404(self.year, self.kwargs["pk"])
        kwargs = super().get_form_kwargs()
        # A copy for the form, as for the rules: the service records the change from the stored maximum.
        kwargs["instance"] = Criterion.objects.get(pk=self.criterion.pk)
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = _("Edit criterion %(n)s") % {"n": self.criterion.number}
        return ctx

    def form_valid(self, form):
        try:
            services.update_criterion(self.request.user, criterion=self.criterion,
                                      **{k: form.cleaned_data[k] for k in ("category", "text", "max_points")})
        except Refusal as exc:
            show_refusal(self.request, exc, form=form)
            return self.form_invalid(form)
        messages.success(self.request, _("Criterion saved."))
        return redirect("evaluation:criteria", year=self.year.year)
