from django.urls import path

from evaluation.results import views

Y = "evaluation/<int:year>/"

urlpatterns = [
    path(Y + "results/", views.ResultListView.as_view(), name="results"),
    path(Y + "results/export.xlsx", views.ResultExportView.as_view(), name="results_export"),
    path(Y + "results/<int:pk>/", views.ResultDetailView.as_view(), name="result_detail"),
    path(Y + "plaques/", views.PlaqueDecisionsView.as_view(), name="plaques"),
    path(Y + "plaques/decide/", views.DecidePlaquesView.as_view(), name="plaques_decide"),
]
