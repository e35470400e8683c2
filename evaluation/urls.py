from django.urls import path

from evaluation import views

app_name = "evaluation"

Y = "evaluation/<int:year>/"

urlpatterns = [
    path("evaluation/", views.YearListView.as_view(), name="year_list"),
    path("evaluation/new/", views.YearCreateView.as_view(), name="year_create"),
    path(Y, views.YearDetailView.as_view(), name="year_detail"),
    path(Y + "phase/<slug:step>/", views.PhaseView.as_view(), name="phase"),
    path(Y + "rules/", views.RulesView.as_view(), name="rules"),
    path(Y + "criteria/", views.CriteriaView.as_view(), name="criteria"),
    path(Y + "criteria/<int:pk>/", views.CriterionEditView.as_view(), name="criterion_edit"),
    path(Y + "quarters/", views.QuarterOverviewView.as_view(), name="quarters"),
    path(Y + "quarters/<int:window>/q<int:quarter>/", views.QuarterReportView.as_view(), name="quarter"),
    path(Y + "quarters/<int:window>/q<int:quarter>/submit/", views.QuarterSubmitView.as_view(), name="quarter_submit"),
    path("evidence/<int:pk>/", views.EvidenceDownloadView.as_view(), name="evidence"),
    path(Y + "self/", views.SelfAssessmentView.as_view(), name="self_assessment"),
    path(Y + "peers/", views.PeerReviewView.as_view(), name="peer_review"),
    path(Y + "cards/", views.TokenBatchView.as_view(), name="tokens"),
    path(Y + "results/", views.ResultListView.as_view(), name="results"),
    path(Y + "results/approve-remaining/", views.ApproveRemainingView.as_view(), name="approve_remaining"),
    path(Y + "results/export.xlsx", views.ResultExportView.as_view(), name="results_export"),
    path(Y + "results/<int:pk>/", views.ResultDetailView.as_view(), name="result_detail"),
    path(Y + "results/<int:pk>/score/", views.ScoreView.as_view(), name="result_score"),
    path(Y + "results/<int:pk>/approve/", views.ApproveView.as_view(), name="result_approve"),
    path(Y + "results/<int:pk>/adjust/", views.AdjustView.as_view(), name="result_adjust"),
    path(Y + "plaques/", views.PlaqueDecisionsView.as_view(), name="plaques"),
    path(Y + "plaques/decide/", views.DecidePlaquesView.as_view(), name="plaques_decide"),
    path("vote/", views.VoteView.as_view(), name="vote"),
]
