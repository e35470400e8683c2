from django.urls import path

from posts.publication.views import members, public

urlpatterns = [
    path("rounds/<int:pk>/publish/", members.PublishRoundView.as_view(), name="round_publish"),
    path("publications/<int:pk>/", members.PublicationDetailView.as_view(), name="publication_detail"),
    path("publications/<int:pk>/object/", members.MemberObjectionView.as_view(), name="publication_object"),
    path("objections/", members.ObjectionListView.as_view(), name="objection_list"),
    path("objections/<int:pk>/answer/", members.AnswerObjectionView.as_view(), name="objection_answer"),
    path("announcements/", public.announcement_list, name="announcement_list"),
    path("announcements/track/", public.TrackObjectionView.as_view(), name="objection_track"),
    path("announcements/track/<slug:code>/", public.objection_track_code, name="objection_track_code"),
    path("announcements/received/", public.objection_received, name="objection_received"),
    path("announcements/<str:key>/", public.announcement_detail, name="announcement_detail"),
    path("announcements/<str:key>/object/", public.announcement_object, name="announcement_object"),
]
