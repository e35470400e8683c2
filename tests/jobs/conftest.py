import pytest

import tests.jobs.kinds  # noqa: F401  (registers the test job kinds)
from members.jobs.services import start_job


@pytest.fixture
def run_job_now(django_capture_on_commit_callbacks):
    """Start a job and let it run in this process, as it does with no broker configured."""

    def _run(actor, kind, scope=None, **params):
        with django_capture_on_commit_callbacks(execute=True):
            job = start_job(actor, kind=kind, params=params, scope=scope)
        job.refresh_from_db()
        return job

    return _run
