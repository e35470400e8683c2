"""Dashboards: a district's (its committee's), a city's, a unit's or a branch's, and the printable yearly report.

Access: the programme dashboard and the report are for committee staff (their district), city office staff
(their districts, side by side and in total) and admins (the whole installation); 403 for others; an organisation's dashboard is 404 outside what the user
may see (`Organisation.objects.visible_to`) and 403 when visible but not managed
(a member looking at their own branch).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import RedirectView, TemplateView

from members import dashboards
from members.mixins import RoleRequiredMixin, get_visible_or_404
from members.models import Organisation
from pioneer.excel import Column, XlsxExporter

FIRST_YEAR, LAST_YEAR = 2000, 2100


def _valid_year(value) -> int | None:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return None
    return year if FIRST_YEAR <= year <= LAST_YEAR else None


class ProgrammeRequiredMixin(RoleRequiredMixin):
    def allowed(self, acc):
        return acc.is_committee_staff or acc.is_city_staff


def programme_scope(acc, year) -> dashboards.Scope:
    """The programme a user's dashboard counts: their district, their city, or (an admin) the whole installation."""
    return dashboards.Scope.programme(year, None if acc.is_admin else acc.programme_organisation)


class DashboardMixin:
    template_name = "dashboards/dashboard.html"

    def get_year(self) -> int:
        return _valid_year(self.request.GET.get("year")) or timezone.localdate().year

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        scope = self.get_scope()
        ctx["dashboard"] = dashboards.build(scope)
        ctx["year"] = scope.year
        ctx["this_year"] = timezone.localdate().year
        return ctx


class CommitteeDashboardView(ProgrammeRequiredMixin, DashboardMixin, TemplateView):
    def dispatch(self, request, *args, **kwargs):
        # A secretary who opens /dashboard/ wants their own organisation's page, not a refusal.
        if request.user.is_authenticated:
            acc = self.acc
            if not acc.is_committee_staff and acc.manages_any:
                own = (Organisation.objects.filter(pk__in=acc.unit_ids | acc.branch_ids)
                       .order_by("-kind", "code").values_list("pk", flat=True).first())  # a unit before a branch
                url = reverse("members:dashboard_organisation", args=[own])
                year = _valid_year(request.GET.get("year"))
                return redirect(f"{url}?year={year}" if year else url)
        return super().dispatch(request, *args, **kwargs)

    def get_scope(self):
        return programme_scope(self.acc, self.get_year())

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        district = ctx["dashboard"].scope.organisation
        ctx["title"] = f"{_('Programme dashboard')} · {district.name}" if district else _("Programme dashboard")
        ctx["report_url"] = reverse("members:dashboard_report", args=[ctx["year"]])
        return ctx


class OrganisationDashboardView(RoleRequiredMixin, DashboardMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        self.organisation = get_visible_or_404(Organisation.objects.select_related("parent"), request.user, pk=kwargs["pk"])
        if not self.acc.sees(self.organisation):
            raise PermissionDenied
        # A district's staff (and an admin) have it as the programme dashboard; the city's staff open each district's here.
        if self.organisation.kind == Organisation.Kind.COMMITTEE and self.organisation.pk not in self.acc.city_committee_ids:
            return redirect("members:dashboard")
        return super().get(request, *args, **kwargs)

    def get_scope(self):
        return dashboards.Scope(self.organisation, self.get_year())

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["organisation"] = self.organisation
        ctx["title"] = _("Dashboard of %(name)s") % {"name": self.organisation.name}
        return ctx


class ReportView(ProgrammeRequiredMixin, DashboardMixin, TemplateView):
    """The committee dashboard of a year as a printable report, every table open."""

    template_name = "dashboards/report.html"

    def get_year(self):
        year = _valid_year(self.kwargs["year"])
        if year is None:
            raise Http404
        return year

    def get_scope(self):
        return programme_scope(self.acc, self.get_year())

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = _("Pioneer post programme report %(year)s") % {"year": ctx["year"]}
        ctx["generated_at"] = timezone.now()
        ctx["xlsx_url"] = reverse("members:dashboard_report_xlsx", args=[ctx["year"]])
        return ctx


class CurrentReportView(ProgrammeRequiredMixin, RedirectView):
    def get_redirect_url(self, *args, **kwargs):
        return reverse("members:dashboard_report", args=[timezone.localdate().year])


current_report = CurrentReportView.as_view()


class ReportExporter(XlsxExporter):
    """Every number of the dashboard, one per row: figure, row, column, value (easy to filter and pivot)."""

    columns = [
        Column("figure", gettext_lazy("figure"), width=36),
        Column("row", gettext_lazy("row"), width=30),
        Column("column", gettext_lazy("column"), width=24),
        Column("value", gettext_lazy("value"), width=12),
    ]
    sheet_title = gettext_lazy("Report")

    def __init__(self, dashboard):
        self.dashboard = dashboard

    def filename(self) -> str:
        return f"pioneer-report-{self.dashboard.scope.year}.xlsx"

    def rows(self):
        for fig in self.dashboard.figures:
            for stat in fig.stats:
                yield [fig.title, "", stat.label, stat.value]
            if fig.table is not None:
                for row in fig.table.rows:
                    for header, value in zip(fig.table.headers[1:], row[1:], strict=True):
                        yield [fig.title, str(row[0]), str(header), value]


class ReportXlsxView(ProgrammeRequiredMixin, View):
    """The year's report as a workbook, through the shared Excel writer."""

    def get(self, request, year):
        if _valid_year(year) is None:
            raise Http404
        return ReportExporter(dashboards.build(programme_scope(self.acc, year))).response()
