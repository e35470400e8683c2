"""Evaluation exports: the year's results with their breakdown, and the quarterly activity records.

Both use the shared writer in pioneer/excel.py: translated headers, frozen header row, column widths,
formula escaping, dates as dates and a Chinese-safe file name. Both are registered exports: each counts
its rows, and one above EXCEL_INLINE_EXPORT_ROWS runs as a job that rebuilds it from its starter.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from evaluation.models import Activity, EvaluationYear, Grade, QuarterReport, Result, Source
from evaluation.results.explanation import InputContext, explain
from evaluation.results.forms import filtered_results
from pioneer.errors import Refusal
from pioneer.excel import Column, ScopedExporter, escape_formula

# Kept for callers and tests: the shared escaping.
safe = escape_formula

RESULTS = "results"
NO_YEAR = gettext_noop("The evaluation year %(year)s does not exist.")


class ResultsExporter(ScopedExporter):
    """The year's results the user may see, with the list's filters, ranked: each source's score, the grade."""

    # Served under its year (evaluation:results_export); the year travels in the query to the export job.
    excel_url = False

    def __init__(self, user, query=None, *, year=None):
        super().__init__(user, query)
        self.year = year or _year(self.query.get("year"))
        self.queryset = filtered_results(user, self.year, self.query)[1]
        self.sheet_title = _("Results %(year)s") % {"year": self.year.year}
        self.filename_stem = _("evaluation-results-%(year)s") % {"year": self.year.year}
        self.columns = [
            Column("rank", gettext_lazy("Rank"), 6), Column("kind", gettext_lazy("kind"), 10),
            Column("name", gettext_lazy("Name"), 24), Column("organisation", gettext_lazy("Organisation"), 28),
            *[Column(value, label, 12) for value, label in Source.choices],
            Column("deduction", gettext_lazy("Deduction"), 10), Column("adjustment", gettext_lazy("Adjustment"), 10),
            Column("final", gettext_lazy("Final score"), 10), Column("grade", gettext_lazy("Grade"), 10),
            Column("status", gettext_lazy("Status"), 12),
        ]

    def filename(self):
        return f"{self.filename_stem}.xlsx"

    def count(self):
        return self.queryset.count()

    def rows(self):
        context = InputContext.for_all(self.year)
        grades = dict(Grade.choices)
        qs = self.queryset.select_related("member__branch", "window__organisation")
        qs = qs.order_by("-final_score", "kind", "pk")
        for rank, result in enumerate(qs.iterator(chunk_size=500), start=1):
            explained = explain(result, context)
            outcome = explained["outcome"]
            scores = {line["source"]: line["score"] for line in outcome["lines"]}
            org = result.member.branch.name if result.kind == Result.Kind.MEMBER else result.window.organisation.name
            yield [
                rank, str(result.get_kind_display()), result.subject_name, org,
                *[float(scores[s]) if scores.get(s) is not None else None for s, _label in Source.choices],
                float(outcome["deduction"]), float(outcome["adjustment"]), float(outcome["final"]),
                str(grades.get(outcome["grade"], "")), str(result.get_status_display()),
            ]


def _year(number) -> EvaluationYear:
    year = EvaluationYear.objects.filter(year=int(number)).first() if str(number or "").isdigit() else None
    if year is None:
        raise Refusal(_(NO_YEAR) % {"year": number or ""})
    return year


class QuarterlyActivityExporter(ScopedExporter):
    """Every recorded activity of the windows a user may see, quarter by quarter (按季活动)."""

    sheet_title = gettext_lazy("Quarterly activity")
    filename_stem = gettext_lazy("quarterly-activity")
    columns = [
        Column("year", gettext_lazy("year"), 8),
        Column("quarter", gettext_lazy("quarter"), 8),
        Column("window_code", gettext_lazy("window code"), 14),
        Column("window", gettext_lazy("service window"), 24),
        Column("organisation", gettext_lazy("unit party organisation"), 28),
        Column("report_status", gettext_lazy("status"), 12),
        Column("submitted_at", gettext_lazy("submitted"), 18),
        Column("date", gettext_lazy("date"), 12),
        Column("kind", gettext_lazy("kind"), 10),
        Column("description", gettext_lazy("description"), 50),
        Column("participants", gettext_lazy("participants"), 30),
    ]

    def activities(self):
        return Activity.objects.filter(report__in=QuarterReport.objects.visible_to(self.user).values("pk"))

    def count(self):
        return self.activities().count()

    def rows(self):
        kinds = {k: str(v) for k, v in Activity.Kind.choices}
        statuses = {k: str(v) for k, v in QuarterReport.Status.choices}
        qs = (
            self.activities()
            .select_related("report__year", "report__window__organisation")
            .prefetch_related("participants")
            .order_by("report__year__year", "report__quarter", "report__window__code", "date", "pk")
        )
        for a in qs.iterator(chunk_size=1000):
            report = a.report
            yield (
                report.year.year, report.quarter, report.window.code, report.window.name, report.window.organisation.name,
                statuses.get(report.status, report.status), report.submitted_at, a.date, kinds.get(a.kind, a.kind),
                a.description, "、".join(m.name for m in a.participants.all()),
            )


EXPORTERS = {"quarterly": QuarterlyActivityExporter, RESULTS: ResultsExporter}
