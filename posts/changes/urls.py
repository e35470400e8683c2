from django.urls import path

from posts.changes import views

urlpatterns = [
    path("without-post/", views.WithoutPostView.as_view(), name="without_post"),
    path("members/<int:pk>/place/", views.DirectPlacementView.as_view(), name="member_place"),
    path("members/<int:pk>/transfer/", views.TransferView.as_view(), name="member_transfer"),
    path("members/<int:pk>/leave/", views.DepartureView.as_view(), name="member_leave"),
    path("organisations/<int:pk>/admit/", views.AdmissionView.as_view(), name="member_admit"),
    path("organisations/<int:pk>/supplementary-round/", views.SupplementaryRoundView.as_view(), name="supplementary_round_create"),
    path("assignments/<int:pk>/hand-over/", views.HandOverView.as_view(), name="assignment_hand_over"),
]
