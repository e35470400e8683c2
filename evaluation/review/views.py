"""The committee's review actions: POST only, each calls one service and returns to the page it came from."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy
from django.views import View

from evaluation import jobs
from evaluation.guards import YearMixin, get_reviewable_result_for_user
from evaluation.review import services
from evaluation.review.forms import AdjustForm, ApproveForm
from members.mixins import CommitteeRequiredMixin, RoleRequiredMixin, show_refusal
from pioneer.errors import Refusal


def _form_errors(form) -> str:
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


class ApproveRemainingView(YearMixin, CommitteeRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, year):
        form = ApproveForm(request.POST)
        if not form.is_valid():
            messages.error(request, _form_errors(form))
        else:
            try:
                job = jobs.start_year_end_job(request.user, kind=jobs.APPROVE, year=self.year,
                                              committee_score=str(form.cleaned_data["committee_score"]))
            except Refusal as exc:
                show_refusal(request, exc)
            else:
                return redirect("jobs:detail", pk=job.pk)
        return redirect("evaluation:results", year=self.year.year)


class ReviewActionView(YearMixin, RoleRequiredMixin, View):
    """Members and secretaries who can see the result get 403 (not 404): the guard tells them apart."""

    http_method_names = ["post"]
    form_class = None
    done = ""

    def post(self, request, **kwargs):
        result = get_reviewable_result_for_user(request, self.year, kwargs["pk"])
        form = self.form_class(request.POST)
        if not form.is_valid():
            messages.error(request, _form_errors(form))
        else:
            try:
                self.act(result, form.cleaned_data)
            except Refusal as exc:
                show_refusal(request, exc)
            else:
                messages.success(request, self.done)
        return redirect("evaluation:result_detail", year=self.year.year, pk=result.pk)

    def act(self, result, data):
        raise NotImplementedError


class ApproveView(ReviewActionView):
    form_class = ApproveForm
    done = gettext_lazy("Result approved.")

    def act(self, result, data):
        services.approve_result(self.request.user, result=result, committee_score=data["committee_score"])


class AdjustView(ReviewActionView):
    form_class = AdjustForm
    done = gettext_lazy("Adjustment recorded.")

    def act(self, result, data):
        services.adjust_result(self.request.user, result=result, points=data["points"], reason=data["reason"])
