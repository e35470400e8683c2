"""URLs of the benchmark's app server: the project's, plus one bare view.

The ceiling figure compares a page with `/bench/bare/` served by the same gunicorn workers in the same
run: the bare view goes through every middleware but touches no data, so the ratio shows what the page
itself costs. Served only with DJANGO_SETTINGS_MODULE=benchmarks.bare_settings.
"""

from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/bare/", bare),
    path("", include("pioneer.urls")),
]
