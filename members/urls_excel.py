"""Excel downloads and uploads: /excel/…"""

from django.urls import path

from evaluation.exports import EXPORTERS as EVALUATION_EXPORTERS
from members import views_excel as v
from posts import excel_imports  # noqa: F401 - registers the window and post imports
from posts.exports import EXPORTERS

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
    *[path(f"{code}/export/", v.ScopedExportView.as_view(exporter_class=exporter), name=f"{code}_export")
      for code, exporter in {**EXPORTERS, **EVALUATION_EXPORTERS}.items()],
    *import_urls("members"),
    *import_urls("organisations"),
    *import_urls("windows"),
    *import_urls("posts"),
]
