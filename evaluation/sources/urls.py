from django.urls import path

from evaluation.sources import views

Y = "evaluation/<int:year>/"

urlpatterns = [
    path(Y + "self/", views.SelfAssessmentView.as_view(), name="self_assessment"),
    path(Y + "peers/", views.PeerReviewView.as_view(), name="peer_review"),
    path(Y + "results/<int:pk>/score/", views.ScoreView.as_view(), name="result_score"),
]
