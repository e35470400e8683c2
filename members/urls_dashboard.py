"""Dashboards: the committee's, a unit's or a branch's, and the printable yearly report."""

from django.urls import path

from members import views_dashboard as views

urlpatterns = [
    path("", views.CommitteeDashboardView.as_view(), name="dashboard"),
    path("org/<int:pk>/", views.OrganisationDashboardView.as_view(), name="dashboard_organisation"),
    path("report/", views.current_report, name="dashboard_report_current"),
    path("report/<int:year>/", views.ReportView.as_view(), name="dashboard_report"),
    path("report/<int:year>/report.xlsx", views.ReportXlsxView.as_view(), name="dashboard_report_xlsx"),
]
