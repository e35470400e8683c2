"""/healthz for the load balancer: database, cache and task queue, as JSON; 503 when one is down.

Answered by a middleware at the top of the stack, before host checks, the HTTPS redirect, sessions,
CSRF and rate limits: a load balancer calls it often, by address, over plain HTTP, and must never be
redirected, refused or counted. It tells nothing but up or down.
"""

import secrets
from urllib.parse import urlparse

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse

PATH = "/healthz"
TIMEOUT_SECONDS = 2


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def check_cache() -> str:
    key, value = "pioneer:healthz", secrets.token_hex(8)
    cache.set(key, value, 30)
    if cache.get(key) != value:
        raise RuntimeError("the cache did not return what was just stored")
    return "ok"


def check_queue() -> str:
    url = getattr(settings, "CELERY_BROKER_URL", "") or ""
    if not url:
        return "not configured"  # background work runs in-process
    if urlparse(url).scheme not in {"redis", "rediss"}:
        return "not checked"
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=TIMEOUT_SECONDS, socket_timeout=TIMEOUT_SECONDS)
    try:
        client.ping()
    finally:
        client.close()
    return "ok"


CHECKS = {"database": check_database, "cache": check_cache, "queue": check_queue}


def report() -> tuple[bool, dict]:
    results, healthy = {}, True
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception as exc:  # any failure is "down"; its kind helps whoever reads the dashboard
            results[name] = f"down: {type(exc).__name__}"
            healthy = False
    return healthy, results


def healthz(request):
    healthy, results = report()
    response = JsonResponse({"status": "ok" if healthy else "down", "checks": results}, status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == PATH and request.method in {"GET", "HEAD"}:
            return healthz(request)
        return self.get_response(request)
