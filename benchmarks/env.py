"""Production-like settings for every benchmark process, given through the environment as a deployment would."""

import os
import secrets

from benchmarks import data

# The benchmark's own Redis database number (flushed at the start of each run); override with BENCH_CACHE_URL.
CACHE_URL = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/14")
_SECRET = secrets.token_urlsafe(48)


def production(kind: str, **extra) -> dict:
    """DEBUG off, Redis cache, PostgreSQL: what `check --deploy` accepts, minus the HTTPS redirect (loopback, as behind a TLS proxy)."""
    env = data.env_for(kind)
    env.update(
        DEBUG="0", SECRET_KEY=_SECRET, ALLOWED_HOSTS="testserver,127.0.0.1,localhost", CACHE_URL=CACHE_URL,
        SECURE_SSL_REDIRECT="0", BEHIND_PROXY="1", DJANGO_SETTINGS_MODULE="benchmarks.bare_settings", LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def flush_cache():
    import redis

    redis.Redis.from_url(CACHE_URL).flushdb()
