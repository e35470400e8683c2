"""The job runner in-process (no broker): progress, outcome, failures in the reader's language, no double finish."""

import datetime

import pytest
from django.utils import timezone, translation

from members.jobs import services
from members.jobs.models import Job, Reminder
from members.models import AuditEntry, Notification
from pioneer.errors import Refusal


def test_a_job_runs_to_its_end_with_progress_and_result(run_job_now, secretary, branch_a1):
    job = run_job_now(secretary, "tests.count", scope=branch_a1, n=7)
    assert (job.state, job.done, job.total, job.percent) == (Job.State.DONE, 7, 7, 100)
    assert job.result_data == {"rows": 7}
    assert job.started_at is not None and job.finished_at >= job.started_at
    assert job.attempts == 1 and job.language == "zh-hans"
    assert list(AuditEntry.objects.filter(object_id=str(job.pk)).values_list("action", flat=True).order_by("pk")) == [
        "jobs.job.started", "jobs.job.done",
    ]


def test_the_starter_is_notified_when_the_job_is_done(run_job_now, secretary):
    job = run_job_now(secretary, "tests.count", n=1)
    note = Notification.objects.get(recipient=secretary)
    assert note.text == "已完成：后台任务。"
    assert note.url == f"/jobs/{job.pk}/"


def test_a_result_file_goes_to_the_default_storage_under_jobs(run_job_now, secretary):
    job = run_job_now(secretary, "tests.count", n=3, with_file=True)
    assert job.result_file.name.startswith("jobs/") and job.result_file.name.endswith(".csv")
    assert job.result_name == "名单_2026.csv"
    with job.result_file.open("rb") as handle:
        assert handle.read().decode() == "序号\n0\n1\n2\n"


def test_a_refusal_fails_the_job_with_its_message_in_each_readers_language(run_job_now, secretary):
    job = run_job_now(secretary, "tests.refuse")
    assert job.state == Job.State.FAILED and job.finished_at is not None
    assert job.message == "此上传已过期或不属于您，请重新上传文件。"
    with translation.override("en"):
        assert job.message == "This upload has expired or is not yours; please upload the file again."
    assert "此上传已过期" in Notification.objects.get(recipient=secretary).text


def test_a_plain_refusal_keeps_the_message_it_was_raised_with(run_job_now, secretary):
    job = run_job_now(secretary, "tests.refuse", keyed=False)
    assert job.state == Job.State.FAILED
    assert job.message == "此上传已过期或不属于您，请重新上传文件。"


def test_an_unexpected_error_fails_with_the_generic_message_and_logs_the_traceback(run_job_now, secretary, caplog):
    job = run_job_now(secretary, "tests.crash")
    assert job.state == Job.State.FAILED
    assert job.message == "任务失败，请联系管理员。"
    assert "a bug, not a rule" in caplog.text


def test_an_unknown_kind_cannot_be_started(secretary):
    with pytest.raises(Refusal, match="未知的任务类型"):
        services.start_job(secretary, kind="nobody.registered.this")
    assert not Job.objects.exists()


def test_nothing_runs_when_the_starting_transaction_rolls_back(secretary, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(ZeroDivisionError), services.transaction.atomic():
            services.start_job(secretary, kind="tests.count", params={"n": 2})
            1 / 0  # noqa: B018
    assert callbacks == [] and not Job.objects.exists()


def test_a_finished_job_is_never_run_or_finished_again(run_job_now, secretary):
    job = run_job_now(secretary, "tests.count", n=2)
    assert services.run(job.pk) is None
    assert AuditEntry.objects.filter(action="jobs.job.done").count() == 1
    assert Notification.objects.filter(recipient=secretary).count() == 1


def test_a_run_that_was_taken_over_writes_nothing(secretary):
    job = Job.objects.create(kind="tests.count", created_by=secretary)
    taken = services._take(job.pk)
    # Another worker resumed the job meanwhile (this run looked dead): its run number moved on.
    Job.objects.filter(pk=job.pk).update(attempts=taken.attempts + 1)
    with pytest.raises(services.Superseded):
        services.Progress(taken, interval=0)(1, 2)
    assert services._succeed(taken, {"rows": 2}) is None
    job.refresh_from_db()
    assert (job.state, job.done, job.result_data) == (Job.State.RUNNING, 0, {})


def test_a_silent_running_job_is_resumed_and_a_live_one_is_left_alone(secretary, settings):
    job = Job.objects.create(kind="tests.steps", created_by=secretary, params={"n": 3}, state=Job.State.RUNNING,
                             attempts=1, started_at=timezone.now(), heartbeat_at=timezone.now())
    with pytest.raises(services.StillRunning):
        services.run(job.pk)
    Reminder.objects.create(key=f"tests.steps:{job.pk}", object_id="0")  # what the first run wrote before it died
    Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - datetime.timedelta(seconds=121))
    assert services.run(job.pk) == Job.State.DONE
    job.refresh_from_db()
    assert (job.attempts, job.result_data) == (2, {"rows": 3})


def test_progress_writes_at_most_once_a_second(secretary, django_assert_max_num_queries):
    job = services._take(Job.objects.create(kind="tests.count", created_by=secretary).pk)
    progress = services.Progress(job)
    # One write for the first call and one for the last (done == total): nothing in between.
    with django_assert_max_num_queries(2):
        for i in range(1, 1001):
            progress(i, 1000)
    job.refresh_from_db()
    assert (job.done, job.total) == (1000, 1000)


def test_only_job_rows_are_updated_by_progress_never_saved_whole(secretary, django_assert_num_queries):
    job = services._take(Job.objects.create(kind="tests.count", created_by=secretary).pk)
    Job.objects.filter(pk=job.pk).update(params={"changed": "elsewhere"})
    with django_assert_num_queries(1):
        services.Progress(job, interval=0)(1, 4)
    job.refresh_from_db()
    assert job.params == {"changed": "elsewhere"} and job.done == 1


@pytest.mark.parametrize("starter_language", ["en", "zh-hans"])
def test_a_finished_jobs_notice_and_history_read_in_each_readers_language(run_job_now, secretary, starter_language):
    with translation.override(starter_language):
        job = run_job_now(secretary, "tests.count", n=1)
    note = Notification.objects.get(recipient=secretary)
    done = AuditEntry.objects.get(action="jobs.job.done", object_id=str(job.pk))
    with translation.override("en"):
        assert (note.text, done.actor_name) == ("Done: Background jobs.", "background jobs")
    with translation.override("zh-hans"):
        assert (note.text, done.actor_name) == ("已完成：后台任务。", "后台任务")


@pytest.mark.parametrize("starter_language", ["en", "zh-hans"])
def test_a_failed_jobs_notice_and_history_give_the_reason_in_each_readers_language(run_job_now, secretary, starter_language):
    with translation.override(starter_language):
        job = run_job_now(secretary, "tests.refuse")
    note = Notification.objects.get(recipient=secretary)
    failed = AuditEntry.objects.get(action="jobs.job.failed", object_id=str(job.pk))
    with translation.override("en"):
        assert note.text == "Failed: refuse. This upload has expired or is not yours; please upload the file again."
        assert failed.reason == "This upload has expired or is not yours; please upload the file again."
    with translation.override("zh-hans"):
        assert note.text == "失败：refuse。此上传已过期或不属于您，请重新上传文件。"
        assert failed.reason == "此上传已过期或不属于您，请重新上传文件。"
