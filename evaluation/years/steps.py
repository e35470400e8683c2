"""The year's next step, and what its confirmation page says will happen, in words.

The year page links to the step (a GET: this page, which changes nothing); its button POSTs the move.
"""

from django.db.models import Count, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from evaluation.models import PHASE_ORDER, EvaluationYear, Phase, Result

NEXT_STEP = {
    Phase.SETUP: ("quarterly", gettext_lazy("Start quarterly activity")),
    Phase.QUARTERLY: ("assessment", gettext_lazy("Freeze criteria and open the year-end assessment")),
    Phase.ASSESSMENT: ("review", gettext_lazy("Close the assessment and the vote; start the committee review")),
    Phase.REVIEW: ("publish", gettext_lazy("Publish the results")),
    Phase.PUBLISHED: ("close", gettext_lazy("Close the year")),
}
# step → the phase it starts from
STEP_FROM = {step: phase for phase, (step, _label) in NEXT_STEP.items()}


def _results_by_status(year: EvaluationYear) -> dict[tuple[str, str], int]:
    rows = year.results.order_by().values_list("status", "kind").annotate(n=Count("pk"))
    return {(status, kind): n for status, kind, n in rows}


def _details(year: EvaluationYear, step: str) -> tuple[list[str], str]:
    """What the step does, line by line, and why it would be refused now (empty when it would not)."""
    if step == "quarterly":
        return [_("Units record their windows' activity quarter by quarter.")], ""
    if step == "assessment":
        total = year.criteria.aggregate(total=Sum("max_points"))["total"] or 0
        lines = [_("The criteria (%(total)s points) are frozen: they can no longer change.") % {"total": total},
                 _("A result is opened for every confirmed member on a post and every open window with posts.")]
        blocked = "" if total == 100 else _("The criteria add up to %(total)s points; they must add up to 100.") % {"total": total}
        return lines, blocked
    counts = _results_by_status(year)
    if step == "review":
        n = sum(counts.values())
        return [_("Self-assessments, peer reviews, scoring and the public vote close."),
                ngettext("%(n)s result goes to the committee review.", "%(n)s results go to the committee review.", n) % {"n": n}], ""
    if step == "publish":
        members = counts.get((Result.Status.APPROVED, Result.Kind.MEMBER), 0)
        windows = counts.get((Result.Status.APPROVED, Result.Kind.WINDOW), 0)
        n = members + windows
        waiting = sum(v for (status, _kind), v in counts.items() if status != Result.Status.APPROVED)
        lines = [
            ngettext("%(n)s result will be published: %(members)s of members on posts, %(windows)s of windows.",
                     "%(n)s results will be published: %(members)s of members on posts, %(windows)s of windows.", n)
            % {"n": n, "members": members, "windows": windows},
            _("Each member is told. A published result is frozen: later edits do not change it."),
        ]
        blocked = (_("%(n)s results have not been reviewed yet: approve each result before publishing.") % {"n": waiting}
                   if waiting else "")
        return lines, blocked
    # close
    blocked = _("Decide next year's plaques before closing the year.") if year.plaques_decided_at is None else ""
    return [_("Nothing in the %(year)s evaluation can change once it is closed.") % {"year": year.year}], blocked


def confirmation(year: EvaluationYear, step: str) -> dict:
    """The confirmation page's words for `step` (a key of STEP_FROM) of `year`."""
    start = STEP_FROM[step]
    target = PHASE_ORDER[PHASE_ORDER.index(start) + 1]
    label = NEXT_STEP[start][1]
    if year.phase != start:
        lines, blocked = [], _("This step needs the phase “%(expected)s”, but the evaluation is in “%(current)s”.") % {
            "expected": Phase(start).label, "current": Phase(year.phase).label}
    else:
        lines, blocked = _details(year, step)
    return {
        "title": label, "confirm_label": label, "details": lines, "blocked": blocked,
        "question": _("The %(year)s evaluation moves from “%(from)s” to “%(to)s”. This step cannot be undone.") % {
            "year": year.year, "from": Phase(start).label, "to": Phase(target).label},
    }
