"""The sources' pages: the member's self-report and peer review, the organisation's scoring of a window or a member."""

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from evaluation.guards import YearMixin, get_own_result, get_rw_result_for_user
from evaluation.models import PeerRating, Phase, QuarterReport, Result
from evaluation.sources import services
from evaluation.sources.forms import MemberRatingForm, PeerRatingForm, SelfAssessmentForm
from evaluation.sources.selectors import peers_to_rate
from members.mixins import RoleRequiredMixin, show_refusal
from members.models import Member
from pioneer.errors import Refusal


class MemberYearMixin(YearMixin, RoleRequiredMixin):
    def allowed(self, acc):
        return acc.member is not None

    def own_result(self):
        result = get_own_result(self.request, self.year)
        if result is None:
            raise Http404
        return result


class SelfAssessmentView(MemberYearMixin, FormView):
    form_class = SelfAssessmentForm
    template_name = "evaluation/sources/self_assessment.html"

    def get(self, request, *args, **kwargs):
        # A member who was not on a post when the assessment opened has no self-report: say so instead of a bare 404.
        if get_own_result(request, self.year) is None:
            return render(request, "evaluation/sources/self_assessment_none.html", {"year": self.year})
        return super().get(request, *args, **kwargs)

    def is_open(self) -> bool:
        return self.year.phase == Phase.ASSESSMENT and self.result.status == Result.Status.OPEN

    def get_initial(self):
        self.result = self.own_result()
        return {"report": self.result.self_report, "score": self.result.self_score}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if not self.is_open():
            kwargs.pop("data", None)
        return kwargs

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.is_open():
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
            services.submit_self_assessment(self.request.user, result=self.result,
                                            report=form.cleaned_data["report"], score=form.cleaned_data["score"])
        except Refusal as exc:
            show_refusal(self.request, exc)
            return redirect(self.request.path)
        messages.success(self.request, _("Your self-report is saved."))
        return redirect(self.request.path)


class PeerReviewView(MemberYearMixin, TemplateView):
    template_name = "evaluation/sources/peer_review.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        me = self.acc.member
        peers = list(peers_to_rate(self.year, me))
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
        # Whom one may rate is the service's rule; an unknown member gets the same answer as a stranger.
        rated = Member.objects.filter(pk=form.cleaned_data["rated"]).first()
        try:
            if rated is None:
                raise Refusal(_("You can only rate members of your own organisation."))
            services.rate_peer(self.acc.member, year=self.year, rated=rated, level=form.cleaned_data["level"])
        except Refusal as exc:
            show_refusal(request, exc)
        else:
            messages.success(request, _("Your rating of %(name)s is recorded.") % {"name": rated.name})
        return redirect(request.path)


class ScoreView(YearMixin, RoleRequiredMixin, TemplateView):
    """Step 4: the organisation scores a window against every criterion, or rates a member."""

    template_name = "evaluation/sources/score.html"

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
        self.result = get_rw_result_for_user(request, self.year, kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.result = get_rw_result_for_user(request, self.year, kwargs["pk"])
        try:
            if self.result.kind == Result.Kind.WINDOW:
                scores = {}
                for criterion in self.year.criteria.all():
                    value = request.POST.get(f"score_{criterion.pk}", "").strip()
                    if value:
                        scores[criterion.pk] = (value, request.POST.get(f"note_{criterion.pk}", ""))
                services.score_window(request.user, result=self.result, scores=scores)
            else:
                form = MemberRatingForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(form=form))
                services.rate_member_by_organisation(request.user, result=self.result,
                                                     score=form.cleaned_data["score"], note=form.cleaned_data["note"])
        except Refusal as exc:
            show_refusal(request, exc)
            return redirect(request.path)
        messages.success(request, _("Scores saved."))
        return redirect("evaluation:result_detail", year=self.year.year, pk=self.result.pk)
