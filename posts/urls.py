from posts.urls_nominations import urlpatterns as nomination_urls
from posts.urls_windows import urlpatterns as window_urls

app_name = "posts"

urlpatterns = nomination_urls + window_urls
