"""The one entry `pioneer/urls.py` includes: each step's addresses, under the `posts:` namespace."""

from posts.catalogue.urls import urlpatterns as catalogue
from posts.changes.urls import urlpatterns as changes
from posts.feedback.urls import urlpatterns as feedback
from posts.handbook.urls import urlpatterns as handbook
from posts.nominations.urls import urlpatterns as nominations
from posts.plaques.urls import urlpatterns as plaques
from posts.publication.urls import urlpatterns as publication
from posts.review.urls import urlpatterns as review
from posts.windows.urls import urlpatterns as windows

app_name = "posts"

urlpatterns = catalogue + nominations + review + publication + windows + feedback + handbook + plaques + changes
