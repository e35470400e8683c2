"""One way to fetch an evaluation object in a view: 404 when the user may not see it, 403 when they may see but not change it.

Every helper is built on the object's `visible_to(user)` scope (through `members.mixins`), so lists, pages,
exports and these fetches agree on who sees what. Views fetch objects through nothing else.
"""

from django.shortcuts import get_object_or_404

from evaluation.models import Criterion, EvaluationYear, Evidence, QuarterReport, Result
from members import access
from members.mixins import get_changeable_or_403, get_visible_or_404
from posts.models import Window

RESULT_RELATED = ("year", "member__branch__parent", "window__organisation")


def get_year_or_404(number: int) -> EvaluationYear:
    """A year is no secret: its phase, rules and criteria are the programme's public rules."""
    return get_object_or_404(EvaluationYear, year=number)


def get_criterion_or_404(year: EvaluationYear, pk: int) -> Criterion:
    """Criteria are as public as their year; who may edit them is the view's role check and the service's freeze."""
    return get_object_or_404(Criterion, year=year, pk=pk)


def _results():
    return Result.objects.select_related(*RESULT_RELATED)


def _manages_subject(acc, result: Result) -> bool:
    """A window's result belongs to its unit, a member's to their branch."""
    subject = result.window.organisation if result.kind == Result.Kind.WINDOW else result.member.branch
    return acc.manages(subject)


def may_score(acc, result: Result) -> bool:
    return _manages_subject(acc, result)


def may_review(acc, result: Result) -> bool:
    return acc.is_committee_staff


def get_result_for_user(request, year: EvaluationYear, pk: int) -> Result:
    """The result if the user may see it (the member, their organisations, the committee), else 404."""
    return get_visible_or_404(_results(), request.user, year=year, pk=pk)


def get_rw_result_for_user(request, year: EvaluationYear, pk: int) -> Result:
    """The result if the user's organisation assesses it (scores a window, rates a member); 403 if only visible."""
    return get_changeable_or_403(_results(), request.user, may_score, year=year, pk=pk)


def get_reviewable_result_for_user(request, year: EvaluationYear, pk: int) -> Result:
    """The result if the committee may review it; a member or secretary who sees it gets 403."""
    return get_changeable_or_403(_results(), request.user, may_review, year=year, pk=pk)


def get_own_result(request, year: EvaluationYear) -> Result | None:
    """The member's own result this year, or None when they were on no post when the assessment opened."""
    member = access.for_user(request.user).member
    if member is None:
        return None
    return Result.objects.filter(year=year, kind=Result.Kind.MEMBER, member=member).first()


def get_quarter_window_for_user(request, pk: int) -> Window:
    """The window whose quarterly reports the user keeps, else 404.

    Reports are made on first use, so the guard is on the window; a quarter's working papers are seen only by
    those who keep them, so there is no visible-but-not-yours case (a locked quarter is the service's refusal).
    """
    return get_object_or_404(Window.objects.managed_by(request.user).select_related("organisation"), pk=pk)


def get_quarter_report(year: EvaluationYear, window: Window, quarter: int) -> QuarterReport | None:
    """The report of a window already fetched through `get_quarter_window_for_user`, or None before its first activity."""
    return QuarterReport.objects.filter(year=year, window=window, quarter=quarter).first()


def get_evidence_for_user(request, pk: int) -> Evidence:
    """Evidence is served to those who may see its quarter's report; to everyone else it does not exist."""
    return get_visible_or_404(Evidence.objects.select_related("activity__report"), request.user, pk=pk)


class YearMixin:
    """Load the evaluation year named in the URL (404 when there is none)."""

    def dispatch(self, request, *args, **kwargs):
        self.year = get_year_or_404(kwargs["year"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["year"] = self.year
        return ctx
