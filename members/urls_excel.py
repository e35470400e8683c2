"""Excel downloads and uploads: /excel/…

Built from the registries the apps fill from `AppConfig.ready()` (which runs before any URLconf is
imported): `pioneer.excel.EXPORTS` for exports built from the user and the query (all but those an app
serves at a URL of its own), `members.imports.SPECS` for previewed imports. The members' and
organisations' exports read the list page's filters, so they are their own views.
"""

from django.urls import path

from members import imports
from members import views_excel as v
from pioneer import excel

app_name = "excel"


def import_urls(code):
    return [
        path(f"{code}/template/", v.ImportTemplateView.as_view(spec_code=code), name=f"{code}_template"),
        path(f"{code}/import/", v.ImportUploadView.as_view(spec_code=code), name=f"{code}_upload"),
        path(f"{code}/import/preview/", v.ImportPreviewView.as_view(spec_code=code), name=f"{code}_preview"),
        path(f"{code}/import/apply/", v.ImportApplyView.as_view(spec_code=code), name=f"{code}_apply"),
        path(f"{code}/import/cancel/", v.ImportCancelView.as_view(spec_code=code), name=f"{code}_cancel"),
    ]


urlpatterns = [
    path("members/export/", v.MemberExportView.as_view(), name="member_export"),
    path("organisations/export/", v.OrganisationExportView.as_view(), name="organisation_export"),
    *[path(f"{code}/export/", v.ScopedExportView.as_view(exporter_class=exporter, code=code), name=f"{code}_export")
      for code, exporter in excel.EXPORTS.items() if exporter.excel_url],
    *[pattern for code in imports.SPECS for pattern in import_urls(code)],
]
