from django.urls import path

from posts.review import views

urlpatterns = [
    path("rounds/<int:pk>/review/", views.ReviewBoardView.as_view(), name="review_board"),
    path("rounds/<int:pk>/without-post/", views.MembersWithoutPostView.as_view(), name="members_without_post"),
    path("nominations/<int:pk>/approve/", views.ApproveView.as_view(), name="nomination_approve"),
    path("nominations/<int:pk>/reject/", views.RejectView.as_view(), name="nomination_reject"),
    path("nominations/<int:pk>/place/", views.PlaceView.as_view(), name="nomination_place"),
    path("assignments/<int:pk>/revise/", views.ReviseAssignmentView.as_view(), name="assignment_revise"),
]
