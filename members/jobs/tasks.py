"""The Celery tasks of the floor: the job runner and the daily clean-up."""

from celery import shared_task

from members.jobs import cleanup, services


@shared_task(name="members.jobs.run_job", bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def run_job(self, job_id: str):
    """Run one job; a copy redelivered while the first run is alive waits until that run ends or goes silent."""
    try:
        return services.run(job_id)
    except services.StillRunning:
        if self.request.is_eager:
            # In-process there is no other worker to wait for; whoever holds the job will finish it.
            return None
        raise self.retry(countdown=services.stale_after().total_seconds()) from None


@shared_task(name="members.jobs.clean_files")
def clean_files():
    """Delete expired import uploads and the result files of jobs finished long ago."""
    return {"uploads": cleanup.purge_import_uploads(), "job_files": cleanup.purge_job_files()}
