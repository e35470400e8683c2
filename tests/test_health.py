"""/healthz for the load balancer: 200 with every part up, 503 with one down; no session, no limit, no redirect."""

import json
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from pioneer import health

CLOSED_PORT = "redis://127.0.0.1:1/0"


def get(client=None, **extra):
    response = (client or Client()).get("/healthz", **extra)
    return response, json.loads(response.content)


def test_all_up_is_200(db, settings):
    settings.CELERY_BROKER_URL = ""
    response, body = get()
    assert response.status_code == 200
    assert body == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "queue": "not configured"}}
    assert response["Content-Type"] == "application/json" and response["Cache-Control"] == "no-store"


def test_the_queue_is_pinged_when_a_broker_is_configured(db, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/6"
    response, body = get()
    assert (response.status_code, body["checks"]["queue"]) == (200, "ok")


def test_a_broker_that_does_not_answer_is_503(db, settings):
    settings.CELERY_BROKER_URL = CLOSED_PORT
    response, body = get()
    assert response.status_code == 503
    assert body["status"] == "down" and body["checks"]["queue"].startswith("down: ")
    assert body["checks"]["database"] == "ok"


def test_a_cache_that_does_not_answer_is_503(db, settings):
    settings.CELERY_BROKER_URL = ""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CLOSED_PORT}}
    response, body = get()
    assert response.status_code == 503 and body["checks"]["cache"].startswith("down: ")


def test_a_database_that_does_not_answer_is_503(db, settings):
    settings.CELERY_BROKER_URL = ""

    def down():
        raise OperationalError("connection refused")

    with mock.patch.dict(health.CHECKS, database=down):
        response, body = get()
    assert response.status_code == 503 and body["checks"]["database"] == "down: OperationalError"


def test_it_answers_any_host_over_plain_http_without_a_session(db, settings):
    """The load balancer calls by address over HTTP: no DisallowedHost, no HTTPS redirect, no cookie."""
    settings.SECURE_SSL_REDIRECT = True
    settings.CELERY_BROKER_URL = ""
    response, body = get(HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200 and body["status"] == "ok"
    assert not response.cookies


@pytest.mark.django_db
def test_it_is_never_rate_limited(settings):
    settings.CELERY_BROKER_URL = ""
    client = Client()
    assert {get(client)[0].status_code for _ in range(200)} == {200}
