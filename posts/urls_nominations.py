from django.urls import path

from posts.views import nominations as views

urlpatterns = [
    path("posts/", views.PostListView.as_view(), name="post_list"),
    path("posts/new/", views.PostCreateView.as_view(), name="post_create"),
    path("posts/<int:pk>/", views.PostDetailView.as_view(), name="post_detail"),
    path("posts/<int:pk>/edit/", views.PostUpdateView.as_view(), name="post_edit"),
    path("posts/<int:pk>/offer/", views.OfferPostView.as_view(), name="post_offer"),
    path("rounds/", views.RoundListView.as_view(), name="round_list"),
    path("rounds/new/", views.RoundCreateView.as_view(), name="round_create"),
    path("rounds/<int:pk>/", views.RoundDetailView.as_view(), name="round_detail"),
    path("rounds/<int:pk>/nominate/", views.NominateView.as_view(), name="nominate"),
    path("rounds/<int:pk>/close/", views.CloseRoundView.as_view(), name="round_close"),
    path("rounds/<int:pk>/review/", views.ReviewBoardView.as_view(), name="review_board"),
    path("rounds/<int:pk>/without-post/", views.MembersWithoutPostView.as_view(), name="members_without_post"),
    path("rounds/<int:pk>/publish/", views.PublishRoundView.as_view(), name="round_publish"),
    path("nominations/<int:pk>/", views.NominationDetailView.as_view(), name="nomination_detail"),
    path("nominations/<int:pk>/change/", views.ChangeNominationView.as_view(), name="nomination_change"),
    path("nominations/<int:pk>/withdraw/", views.WithdrawNominationView.as_view(), name="nomination_withdraw"),
    path("nominations/<int:pk>/approve/", views.ApproveView.as_view(), name="nomination_approve"),
    path("nominations/<int:pk>/reject/", views.RejectView.as_view(), name="nomination_reject"),
    path("nominations/<int:pk>/place/", views.PlaceView.as_view(), name="nomination_place"),
    path("my-post/", views.MyPostView.as_view(), name="my_post"),
    path("assignments/<int:pk>/", views.AssignmentDetailView.as_view(), name="assignment_detail"),
    path("assignments/<int:pk>/revise/", views.ReviseAssignmentView.as_view(), name="assignment_revise"),
    path("publications/<int:pk>/", views.PublicationDetailView.as_view(), name="publication_detail"),
    path("publications/<int:pk>/object/", views.MemberObjectionView.as_view(), name="publication_object"),
    path("objections/<int:pk>/answer/", views.AnswerObjectionView.as_view(), name="objection_answer"),
    # The public side: no login.
    path("announcements/", views.announcement_list, name="announcement_list"),
    path("announcements/track/", views.TrackObjectionView.as_view(), name="objection_track"),
    path("announcements/received/", views.objection_received, name="objection_received"),
    path("announcements/<str:key>/", views.announcement_detail, name="announcement_detail"),
    path("announcements/<str:key>/object/", views.announcement_object, name="announcement_object"),
]
