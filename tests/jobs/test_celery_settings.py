"""The Celery app reads its settings from the environment: in-process with no broker, a real queue with one."""

from tests.test_settings import run_manage

SHOW = (
    "from pioneer import celery_app as a; c = a.conf; "
    "print(c.task_always_eager, c.broker_url, c.task_acks_late, c.task_reject_on_worker_lost, c.worker_prefetch_multiplier, "
    "sorted(a.conf.beat_schedule))"
)


def _last_line(result) -> str:
    # The shell first says how many objects it imported.
    return result.stdout.strip().splitlines()[-1]


def test_with_no_broker_tasks_run_in_process():
    result = run_manage("shell", "-c", SHOW)
    assert result.returncode == 0, result.stderr
    assert _last_line(result).split()[0] == "True"


def test_with_a_broker_tasks_go_to_the_queue_and_are_acknowledged_only_after_they_ran():
    result = run_manage("shell", "-c", SHOW, CELERY_BROKER_URL="redis://127.0.0.1:6379/5")
    assert result.returncode == 0, result.stderr
    eager, broker, acks_late, reject_lost, prefetch, *schedules = _last_line(result).split(maxsplit=5)
    assert (eager, broker, acks_late, reject_lost, prefetch) == ("False", "redis://127.0.0.1:6379/5", "True", "True", "1")
    assert schedules == ["['clean-files', 'confirm-publications', 'remind-feedback-deadlines']"]
