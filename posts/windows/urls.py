from django.urls import path

from posts.windows.views import public, staff

urlpatterns = [
    path("windows/", public.WindowDirectoryView.as_view(), name="window_directory"),
    path("windows/<slug:code>/", public.WindowPublicView.as_view(), name="window_public"),
    path("windows/<slug:code>/qr.svg", public.window_qr, name="window_qr"),
    path("staff/windows/", staff.WindowListView.as_view(), name="window_list"),
    path("staff/windows/new/", staff.WindowCreateView.as_view(), name="window_create"),
    path("staff/windows/<slug:code>/", staff.WindowManageView.as_view(), name="window_manage"),
    path("staff/windows/<slug:code>/edit/", staff.WindowUpdateView.as_view(), name="window_edit"),
    path("staff/windows/<slug:code>/markers/", staff.WindowMarkersView.as_view(), name="window_markers"),
    path("staff/windows/<slug:code>/photo/<int:member_pk>/", staff.MarkerPhotoView.as_view(), name="marker_photo"),
]
