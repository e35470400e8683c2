from django.urls import include, path

from members import unlock, views

app_name = "members"

urlpatterns = [
    path("dashboard/", include("members.urls_dashboard")),
    path("members/", views.MemberListView.as_view(), name="list"),
    path("members/new/", views.MemberCreateView.as_view(), name="create"),
    path("members/<int:pk>/", views.MemberDetailView.as_view(), name="detail"),
    path("members/<int:pk>/edit/", views.MemberUpdateView.as_view(), name="edit"),
    path("members/<int:pk>/unlock/", unlock.UnlockAccountView.as_view(), name="unlock"),
    path("members/<int:pk>/login/", views.MemberLoginCreateView.as_view(), name="create_login"),
    path("me/", views.OwnProfileView.as_view(), name="profile"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisation_list"),
    path("organisations/new/", views.OrganisationCreateView.as_view(), name="organisation_create"),
    path("organisations/<int:pk>/", views.OrganisationDetailView.as_view(), name="organisation_detail"),
    path("organisations/<int:pk>/edit/", views.OrganisationUpdateView.as_view(), name="organisation_edit"),
    path("audit/", views.AuditLogView.as_view(), name="audit_log"),
    path("notifications/", views.NotificationListView.as_view(), name="notifications"),
    path("notifications/read/", views.mark_notifications_read, name="notifications_read"),
    path("notifications/<int:pk>/", views.open_notification, name="notification_open"),
    path("excel/", include("members.urls_excel")),
]
