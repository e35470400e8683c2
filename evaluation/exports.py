"""The year's results as an Excel workbook (Chinese headers), written row by row in write-only mode."""

from io import BytesIO

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from evaluation import services
from evaluation.models import Grade, Result, Source


def safe(value):
    """Text starting with =, +, - or @ would run as a formula in Excel: prefix a quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


class ResultsExport:
    def __init__(self, year, queryset):
        self.year = year
        self.queryset = queryset

    def header(self):
        return [
            _("Rank"), _("kind"), _("Name"), _("Organisation"),
            *[str(label) for _value, label in Source.choices],
            _("Deduction"), _("Adjustment"), _("Final score"), _("Grade"), _("Status"),
        ]

    def rows(self):
        context = services.InputContext(self.year)
        grades = dict(Grade.choices)
        qs = self.queryset.select_related("member__branch", "window__organisation").prefetch_related("criterion_scores")
        qs = qs.order_by("-final_score", "kind", "pk")
        for rank, result in enumerate(qs.iterator(chunk_size=500), start=1):
            explained = services.explain(result, context)
            outcome = explained["outcome"]
            scores = {line["source"]: line["score"] for line in outcome["lines"]}
            org = result.member.branch.name if result.kind == Result.Kind.MEMBER else result.window.organisation.name
            yield [
                rank, str(result.get_kind_display()), safe(result.subject_name), safe(org),
                *[float(scores[s]) if scores.get(s) is not None else None for s, _label in Source.choices],
                float(outcome["deduction"]), float(outcome["adjustment"]), float(outcome["final"]),
                str(grades.get(outcome["grade"], "")), str(result.get_status_display()),
            ]

    def write(self) -> bytes:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(_("Results %(year)s") % {"year": self.year.year})
        sheet.append(self.header())
        for row in self.rows():
            sheet.append(row)
        buffer = BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()


def results_workbook_response(year, queryset) -> HttpResponse:
    response = HttpResponse(
        ResultsExport(year, queryset).write(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="evaluation-{year.year}.xlsx"'
    return response
