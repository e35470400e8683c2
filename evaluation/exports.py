"""Evaluation exports: the year's results with their breakdown, and the quarterly activity records.

Both use the shared writer in pioneer/excel.py: translated headers, frozen header row, column widths,
formula escaping, dates as dates and a Chinese-safe file name.
"""

from io import BytesIO

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from evaluation.models import Activity, Grade, QuarterReport, Result, Source
from evaluation.results.explanation import InputContext, explain
from pioneer.excel import (
    XLSX_CONTENT_TYPE,
    Column,
    ScopedExporter,
    XlsxExporter,
    content_disposition,
    escape_formula,
    write_workbook,
)

# Kept for callers and tests: the shared escaping.
safe = escape_formula


class ResultsExport(XlsxExporter):
    """The year's results, ranked, with the score of each source (the breakdown) and the grade."""

    def __init__(self, year, queryset):
        self.year = year
        self.queryset = queryset
        self.sheet_title = _("Results %(year)s") % {"year": year.year}
        self.filename_stem = _("evaluation-results-%(year)s") % {"year": year.year}
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

    def header(self):
        return self.headers()

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

    def write(self, fileobj=None) -> bytes | None:
        if fileobj is not None:
            return super().write(fileobj)
        buffer = BytesIO()
        write_workbook(buffer, str(self.sheet_title), self.columns, self.headers(), self.rows())
        return buffer.getvalue()


def results_workbook_response(year, queryset) -> HttpResponse:
    """A year's results are a few hundred rows: built in memory, sent whole."""
    export = ResultsExport(year, queryset)
    response = HttpResponse(export.write(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(export.filename())
    return response


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


EXPORTERS = {"quarterly": QuarterlyActivityExporter}
