"""Jobs on a real Celery worker (Redis broker, PostgreSQL): end to end through the job page's JSON, and a killed worker."""

import os
import time

import pytest
from django.urls import reverse

from members.jobs.models import Job, Reminder
from members.jobs.services import start_job
from tests.jobs.worker import Broker, Worker

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def queue(transactional_db):
    name = f"pioneer-test-{os.getpid()}-{time.monotonic_ns()}"
    with Broker(name):
        yield name


@pytest.fixture
def workers(queue):
    started = []

    def _start(name):
        started.append(Worker(queue, f"{name}-{os.getpid()}").start())
        return started[-1]

    yield _start
    for worker in started:
        worker.stop()


def _wait(predicate, timeout, what, workers_=()):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.25)
    logs = "\n".join(w.output() for w in workers_)
    raise AssertionError(f"timed out waiting for {what}\n{logs}")


def test_a_worker_runs_a_job_and_the_page_json_follows_it_to_the_download(workers, client_for, secretary, branch_a1):
    worker = workers("e2e")
    job = start_job(secretary, kind="tests.count", params={"n": 40, "with_file": True}, scope=branch_a1)
    client = client_for(secretary)
    status_url = reverse("jobs:status", args=[job.pk])
    status = _wait(lambda: (data := client.get(status_url).json())["finished"] and data, 60, "the job to finish", [worker])
    assert status == {
        "state": "done", "state_label": "已完成", "finished": True, "done": 40, "total": 40, "percent": 100,
        "message": "", "download_url": f"/jobs/{job.pk}/download/", "next_url": None,
    }
    download = client.get(status["download_url"])
    content = b"".join(download.streaming_content).decode()
    assert content.splitlines() == ["序号", *map(str, range(40))]
    assert "members.jobs.run_job[" in worker.output()


def test_a_job_whose_worker_is_killed_is_delivered_again_and_ends_as_an_uninterrupted_run(workers, secretary):
    first = workers("doomed")
    job = start_job(secretary, kind="tests.steps", params={"n": 12, "pause": 0.4})
    _wait(lambda: Job.objects.get(pk=job.pk).done >= 3, 60, "the job to get going", [first])
    first.kill()
    job.refresh_from_db()
    written = Reminder.objects.filter(key=f"tests.steps:{job.pk}").count()
    assert job.state == Job.State.RUNNING and 3 <= written < 12, "the worker must die mid-job"

    second = workers("heir")
    _wait(lambda: Job.objects.get(pk=job.pk).is_finished, 90, "the redelivered job to finish", [first, second])
    job.refresh_from_db()
    assert (job.state, job.done, job.total, job.attempts) == (Job.State.DONE, 12, 12, 2)

    # The same work, never interrupted, for comparison.
    calm = start_job(secretary, kind="tests.steps", params={"n": 12, "pause": 0})
    _wait(lambda: Job.objects.get(pk=calm.pk).is_finished, 60, "the uninterrupted job", [second])
    calm.refresh_from_db()
    assert job.result_data == calm.result_data == {"rows": 12}
    assert calm.attempts == 1
    assert sorted(Reminder.objects.filter(key=f"tests.steps:{job.pk}").values_list("object_id", flat=True), key=int) == [
        str(i) for i in range(12)
    ]


def test_a_worker_previews_and_applies_a_member_import_through_the_job_pages(workers, client_for, admin_user, branch_a1,
                                                                            settings, tmp_path):
    from members.models import Member
    from tests.excel.helpers import upload
    from tests.excel.test_member_import import HEADER, row

    settings.MEDIA_ROOT = str(tmp_path / "media")  # the worker is told this folder: both see the same upload
    worker = workers("import")
    client = client_for(admin_user)

    def finished(job_page):
        status_url = f"{job_page}status.json"
        return _wait(lambda: (data := client.get(status_url).json())["finished"] and data, 60, "the job to finish", [worker])

    rows = [row(f"A1-1{i:02d}") for i in range(30)]
    job_page = client.post(reverse("members:excel:members_upload"), {"file": upload([HEADER, *rows])})["Location"]
    status = finished(job_page)
    assert (status["state"], status["done"], status["total"]) == ("done", 60, 60)
    preview = client.get(status["next_url"])
    assert "新增 30" in preview.content.decode()
    assert not Member.objects.filter(member_no__startswith="A1-1").exists(), "the preview writes nothing"

    preview_id = status["next_url"].rsplit("=", 1)[1]
    apply_page = client.post(reverse("members:excel:members_apply"), {"job": preview_id})["Location"]
    assert finished(apply_page)["state"] == "done"
    assert Member.objects.filter(member_no__startswith="A1-1", branch=branch_a1).count() == 30
    assert "members.jobs.run_job[" in worker.output()
