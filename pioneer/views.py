"""The site's own pages outside the apps: refused access, CSRF failure, public uploads."""

import posixpath

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.http import Http404
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views import defaults, static
from django.views.decorators.http import require_safe

from pioneer import security


def permission_denied(request, exception=None):
    """handler403: the friendly page, and a security event naming who was refused what."""
    security.log_event("access.denied", **security.request_fields(request))
    return defaults.permission_denied(request, exception)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a page in the user's language (usually an expired form), never Django's debug page."""
    security.log_event("access.csrf_failed", reason=reason, **security.request_fields(request))
    return render(request, "403_csrf.html", status=403)


def local_media_storage() -> FileSystemStorage | None:
    """The default storage when it keeps files on this server's disk; None for a remote one (it serves its own URLs)."""
    storage = storages["default"]
    return storage if isinstance(storage, FileSystemStorage) else None


@require_safe
def public_media(request, path):
    """Serve an upload of a public folder (marker photos) from the local media storage, cached by browsers.

    Only the folders in PUBLIC_MEDIA_FOLDERS: the same storage also holds Excel uploads waiting for
    confirmation, which are personal data. Names of public uploads are random and change with the
    file, so a browser may keep them for long.
    """
    storage = local_media_storage()
    normalised = posixpath.normpath(path).lstrip("/")
    folder = normalised.split("/", 1)[0]
    if storage is None or folder not in settings.PUBLIC_MEDIA_FOLDERS or normalised != path:
        raise Http404
    response = static.serve(request, path, document_root=storage.location)
    patch_cache_control(response, public=True, max_age=settings.PUBLIC_MEDIA_MAX_AGE)
    return response
