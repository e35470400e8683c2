"""A real Celery worker in a subprocess, on Redis, reading and writing the test database."""

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import redis
from django.conf import settings
from django.db import connection

from pioneer.celery import app

BROKER_URL = os.environ.get("PIONEER_TEST_BROKER_URL", "redis://127.0.0.1:6379/5")
ROOT = Path(__file__).resolve().parent.parent.parent


class Worker:
    """`celery -A pioneer worker --pool=solo` on its own queue; `kill()` is SIGKILL, as when a machine dies."""

    def __init__(self, queue: str, name: str):
        self.queue, self.name = queue, name
        self.log = tempfile.NamedTemporaryFile(prefix=f"celery-{name}-", suffix=".log", delete=False)
        self.process = None

    def start(self, timeout: float = 60) -> "Worker":
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.worker_settings",
            "CELERY_BROKER_URL": BROKER_URL,
            "PIONEER_WORKER_DB_NAME": connection.settings_dict["NAME"],
            "PIONEER_WORKER_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "pioneer", "worker", "--pool=solo", "-Q", self.queue,
             "-n", f"{self.name}@%h", "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "info"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if "ready." in self.output():
                return self
            if self.process.poll() is not None:
                raise RuntimeError(f"the worker exited:\n{self.output()}")
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"the worker did not get ready:\n{self.output()}")

    def output(self) -> str:
        return Path(self.log.name).read_text(errors="replace")

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.kill()


class Broker:
    """Point this process's Celery app at Redis for one test, sending jobs to `queue`, and back to in-process after."""

    def __init__(self, queue: str):
        self.queue = queue
        self.redis = redis.Redis.from_url(BROKER_URL)

    def __enter__(self):
        self._saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url", "task_default_queue")}
        self.redis.delete(self.queue)
        app.conf.update(task_always_eager=False, broker_url=BROKER_URL, task_default_queue=self.queue)
        # Celery caches its queues and routes (from the default queue) on first use: start them afresh.
        app.__dict__.pop("amqp", None)
        return self

    def __exit__(self, *exc):
        # The connection pool to Redis stays open for the next such test; in-process runs never touch it.
        app.conf.update(self._saved)
        app.__dict__.pop("amqp", None)
        self.redis.delete(self.queue, f"_kombu.binding.{self.queue}", f"_kombu.binding_permanent.{self.queue}")
        self.redis.close()
