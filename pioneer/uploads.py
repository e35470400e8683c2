"""Uploads waiting for a confirmation that will never come: removed once they are older than any preview.

An Excel import keeps its workbook in the default storage under `excel-imports/<kind>/` until the
user confirms or cancels; a refused, abandoned or timed-out preview leaves it there. The admin's
django-import-export keeps its own under `django-import-export/` when no shared cache is configured.
The scheduled clean-up calls `remove_stale_uploads`.
"""

from __future__ import annotations

import datetime
import logging

from django.core.files.storage import default_storage
from django.utils import timezone

logger = logging.getLogger(__name__)

STALE_FOLDERS = ("excel-imports", "django-import-export")


def _files_under(storage, folder: str):
    if not storage.exists(folder):
        return
    dirs, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}"
    for name in dirs:
        yield from _files_under(storage, f"{folder}/{name}")


def remove_stale_uploads(older_than: datetime.timedelta, *, now: datetime.datetime | None = None, storage=None) -> int:
    """Delete waiting uploads last written more than `older_than` ago; return how many were deleted."""
    storage = storage or default_storage
    cutoff = (now or timezone.now()) - older_than
    removed = 0
    for folder in STALE_FOLDERS:
        for path in list(_files_under(storage, folder)):
            try:
                if storage.get_modified_time(path) < cutoff:
                    storage.delete(path)
                    removed += 1
            except FileNotFoundError:
                continue  # confirmed or cancelled meanwhile
    if removed:
        logger.info("Removed %s stale uploads older than %s.", removed, older_than)
    return removed
