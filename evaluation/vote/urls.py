from django.urls import path

from evaluation.vote import jobs, views

urlpatterns = [
    path("evaluation/<int:year>/cards/", views.TokenBatchView.as_view(), name="tokens"),
    path("evaluation/<int:year>/cards/pdf/", jobs.TokenCardsPdfView.as_view(), name="tokens_pdf"),
    path("evaluation/<int:year>/cards/many/", jobs.TokenCardsManyView.as_view(), name="tokens_many"),
    path("vote/", views.VoteView.as_view(), name="vote"),
]
