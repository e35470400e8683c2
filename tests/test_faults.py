"""Faults a deployment meets: PostgreSQL dropping the app's connection, Redis going down and coming back.

An import killed mid-way: tests/jobs/test_worker.py kills a real worker mid-job; nothing half-written survives.
"""

import json
import socket
import subprocess
import time

import psycopg2
import pytest
from django.core.signals import request_started
from django.db import connection
from django.test import Client


def healthz():
    response = Client().get("/healthz")
    return response.status_code, json.loads(response.content)["checks"]


@pytest.mark.postgres_only
def test_the_app_answers_again_after_postgresql_drops_its_connection(transactional_db, settings):
    settings.CELERY_BROKER_URL = ""
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True  # what makes a dropped connection reconnect
    assert healthz()[0] == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    admin = psycopg2.connect(dbname="postgres", user=connection.settings_dict["USER"] or "postgres",
                             host=connection.settings_dict["HOST"], port=connection.settings_dict["PORT"] or 5432)
    admin.autocommit = True
    with admin.cursor() as cursor:  # what a PostgreSQL restart does to every open connection
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    admin.close()
    request_started.send(sender=None)  # the next request begins as a real one does: stale connections are checked
    status, checks = healthz()
    assert (status, checks["database"]) == (200, "ok")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_redis(port):
    process = subprocess.Popen(["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no"],
                               stdout=subprocess.DEVNULL)
    for _n in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError("redis-server did not start")


def stop(process):
    process.terminate()
    process.wait(timeout=10)


def test_healthz_is_503_while_redis_is_down_and_200_once_it_is_back(db, settings):
    port = free_port()
    url = f"redis://127.0.0.1:{port}/0"
    redis = start_redis(port)
    try:
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}}
        settings.CELERY_BROKER_URL = url
        assert healthz() == (200, {"database": "ok", "cache": "ok", "queue": "ok"})
        stop(redis)
        status, checks = healthz()
        assert status == 503
        assert checks["cache"].startswith("down: ") and checks["queue"].startswith("down: ")
        redis = start_redis(port)  # the same address, a fresh server: the pooled connections are dead
        assert healthz() == (200, {"database": "ok", "cache": "ok", "queue": "ok"})
    finally:
        if redis.poll() is None:
            stop(redis)
