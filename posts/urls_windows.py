from django.urls import path

from posts.views import windows as views

urlpatterns = [
    # Public pages: stable addresses, printed as QR codes.
    path("windows/", views.WindowDirectoryView.as_view(), name="window_directory"),
    path("windows/<slug:code>/", views.WindowPublicView.as_view(), name="window_public"),
    path("windows/<slug:code>/qr.svg", views.window_qr, name="window_qr"),
    path("feedback/", views.feedback_lookup, name="feedback_lookup"),
    path("feedback/new/<slug:code>/", views.feedback_new, name="feedback_new"),
    path("feedback/<slug:code>/", views.feedback_track, name="feedback_track"),
    path("handbook/", views.HandbookView.as_view(), name="handbook"),
    path("handbook/editions/", views.HandbookEditionListView.as_view(), name="handbook_editions"),
    path("handbook/editions/<int:version>/", views.HandbookView.as_view(), name="handbook_edition"),
    path("plaques/", views.PlaqueRegisterView.as_view(), name="plaque_register"),
    path("plaques/verify/<str:code>/", views.plaque_verify, name="plaque_verify"),
    path("plaques/verify/<str:code>/qr.svg", views.plaque_qr, name="plaque_qr"),
    # Staff pages.
    path("staff/windows/", views.WindowListView.as_view(), name="window_list"),
    path("staff/windows/new/", views.WindowCreateView.as_view(), name="window_create"),
    path("staff/windows/<slug:code>/", views.WindowManageView.as_view(), name="window_manage"),
    path("staff/windows/<slug:code>/edit/", views.WindowUpdateView.as_view(), name="window_edit"),
    path("staff/windows/<slug:code>/markers/", views.WindowMarkersView.as_view(), name="window_markers"),
    path("staff/windows/<slug:code>/photo/<int:member_pk>/", views.MarkerPhotoView.as_view(), name="marker_photo"),
    path("staff/feedback/", views.FeedbackInboxView.as_view(), name="feedback_inbox"),
    path("staff/feedback/summary/", views.ComplaintSummaryView.as_view(), name="complaint_summary"),
    path("staff/feedback/<int:pk>/", views.FeedbackManageView.as_view(), name="feedback_manage"),
    path("staff/feedback/<int:pk>/respond/", views.FeedbackRespondView.as_view(), name="feedback_respond"),
    path("staff/feedback/<int:pk>/conclude/", views.FeedbackConcludeView.as_view(), name="feedback_conclude"),
    path("staff/feedback/<int:pk>/close/", views.FeedbackCloseView.as_view(), name="feedback_close"),
    path("staff/plaques/", views.PlaqueOverviewView.as_view(), name="plaque_overview"),
    path("staff/plaques/applications/", views.PlaqueApplicationListView.as_view(), name="plaque_application_list"),
    path("staff/plaques/apply/", views.PlaqueApplyView.as_view(), name="plaque_apply"),
    path("staff/plaques/applications/<int:pk>/", views.PlaqueApplicationDetailView.as_view(), name="plaque_application"),
    path("staff/plaques/applications/<int:pk>/review/", views.PlaqueReviewView.as_view(), name="plaque_review"),
    path("staff/plaques/applications/<int:pk>/withdraw/", views.PlaqueWithdrawView.as_view(), name="plaque_withdraw"),
    path("staff/handbook/", views.HandbookDraftView.as_view(), name="handbook_draft"),
]
