from django.urls import path

from evaluation.review import views

Y = "evaluation/<int:year>/"

urlpatterns = [
    path(Y + "results/approve-remaining/", views.ApproveRemainingView.as_view(), name="approve_remaining"),
    path(Y + "results/<int:pk>/approve/", views.ApproveView.as_view(), name="result_approve"),
    path(Y + "results/<int:pk>/adjust/", views.AdjustView.as_view(), name="result_adjust"),
]
