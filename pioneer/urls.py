from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from members.views import HomeView
from pioneer.views import local_media_storage, public_media

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("members.urls")),
    path("", include("posts.urls")),
    path("", include("evaluation.urls")),
    path("jobs/", include("members.jobs.urls")),
]

# Public uploads (marker photos) when they sit on this server's disk, in every mode; a remote storage
# serves its own URLs. In production a web server in front may serve the same folder (README).
if local_media_storage() is not None and not settings.MEDIA_URL.startswith(("http://", "https://", "//")):
    urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", public_media, name="public_media")]

handler403 = "pioneer.views.permission_denied"
