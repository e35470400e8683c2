"""What the daily clean-up deletes: import uploads nobody can confirm any more, and old job files."""

import datetime

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone

from members import imports
from members.jobs.models import Job

IMPORT_FOLDER = "excel-imports"


def purge_import_uploads() -> int:
    """Delete every expired upload in each import's folder; return how many folders were swept."""
    if not default_storage.exists(IMPORT_FOLDER):
        return 0
    folders = default_storage.listdir(IMPORT_FOLDER)[0]
    for name in folders:
        imports.purge_expired(f"{IMPORT_FOLDER}/{name}")
    return len(folders)


def purge_job_files(now=None) -> int:
    """Delete the result files of jobs finished more than JOB_FILES_KEEP_DAYS ago; the rows stay."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.PIONEER["JOB_FILES_KEEP_DAYS"])
    purged = 0
    old = Job.objects.finished().filter(finished_at__lt=cutoff).exclude(result_file="").values_list("pk", "result_file")
    for pk, path in old.iterator():
        # The row first: a download that starts now finds no file rather than a half-deleted one.
        if Job.objects.filter(pk=pk, result_file=path).update(result_file=""):
            default_storage.delete(path)
            purged += 1
    return purged
