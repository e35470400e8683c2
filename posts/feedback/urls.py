from django.urls import path

from posts.feedback.views import public, staff

urlpatterns = [
    path("feedback/", public.feedback_lookup, name="feedback_lookup"),
    path("feedback/new/<slug:code>/", public.feedback_new, name="feedback_new"),
    path("feedback/<slug:code>/", public.feedback_track, name="feedback_track"),
    path("staff/feedback/", staff.FeedbackInboxView.as_view(), name="feedback_inbox"),
    path("staff/feedback/summary/", staff.ComplaintSummaryView.as_view(), name="complaint_summary"),
    path("staff/feedback/<int:pk>/", staff.FeedbackManageView.as_view(), name="feedback_manage"),
    path("staff/feedback/<int:pk>/respond/", staff.FeedbackRespondView.as_view(), name="feedback_respond"),
    path("staff/feedback/<int:pk>/conclude/", staff.FeedbackConcludeView.as_view(), name="feedback_conclude"),
    path("staff/feedback/<int:pk>/close/", staff.FeedbackCloseView.as_view(), name="feedback_close"),
]
