from django.urls import path

from evaluation.vote import views

urlpatterns = [
    path("evaluation/<int:year>/cards/", views.TokenBatchView.as_view(), name="tokens"),
    path("vote/", views.VoteView.as_view(), name="vote"),
]
