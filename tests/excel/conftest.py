import pytest
from django.test import Client, TestCase


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings, tmp_path):
    """Uploads kept for previews go to the default storage: a fresh folder per test."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


class JobsAfterCommitClient(Client):
    """A client whose requests' jobs run when the request is over, as with no broker (after the commit)."""

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)


@pytest.fixture
def client():
    return JobsAfterCommitClient()


@pytest.fixture
def run_job_now(django_capture_on_commit_callbacks):
    """Start a job and let it run in this process, as it does with no broker configured."""
    from members.jobs.services import start_job

    def _run(actor, kind, scope=None, **params):
        with django_capture_on_commit_callbacks(execute=True):
            job = start_job(actor, kind=kind, params=params, scope=scope)
        job.refresh_from_db()
        return job

    return _run
