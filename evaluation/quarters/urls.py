from django.urls import path

from evaluation.quarters import views

Y = "evaluation/<int:year>/"

urlpatterns = [
    path(Y + "quarters/", views.QuarterOverviewView.as_view(), name="quarters"),
    path(Y + "quarters/<int:window>/q<int:quarter>/", views.QuarterReportView.as_view(), name="quarter"),
    path(Y + "quarters/<int:window>/q<int:quarter>/submit/", views.QuarterSubmitView.as_view(), name="quarter_submit"),
    path("evidence/<int:pk>/", views.EvidenceDownloadView.as_view(), name="evidence"),
]
