from django.urls import path

from posts.handbook import jobs, views

urlpatterns = [
    path("handbook/", views.HandbookView.as_view(), name="handbook"),
    path("handbook/editions/", views.HandbookEditionListView.as_view(), name="handbook_editions"),
    path("handbook/editions/<int:version>/", views.HandbookView.as_view(), name="handbook_edition"),
    path("handbook/editions/<int:version>/pdf/", jobs.HandbookPdfView.as_view(), name="handbook_pdf"),
    path("handbook/editions/<int:version>/<str:unit>/", views.HandbookUnitView.as_view(), name="handbook_edition_unit"),
    path("handbook/<str:unit>/", views.HandbookUnitView.as_view(), name="handbook_unit"),
    path("staff/handbook/", views.HandbookDraftView.as_view(), name="handbook_draft"),
]
