"""Typed readers for settings from the environment that fail loudly."""

import os
import re
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def get_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None:
        if default is None:
            raise ImproperlyConfigured(f"The environment variable {name} is required.")
        return default
    return value


def get_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}.")


def get_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}.") from None


_RATE = re.compile(r"\d+/\d*[smhd]")


def get_rate(name: str, default: str) -> str:
    """A rate limit such as `50/10m` (count per seconds, minutes, hours or days)."""
    value = get_str(name, default).strip()
    if not _RATE.fullmatch(value):
        raise ImproperlyConfigured(f"{name} must be a rate such as 20/m or 50/10m, not {value!r}.")
    return value


def get_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in get_str(name, default).split(",") if item.strip()]


def parse_database_url(url: str, base_dir) -> dict:
    """Turn `sqlite:///path` or `postgres://user:pass@host:port/name` into DATABASES['default']."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = unquote(parsed.path[1:]) if parsed.path.startswith("/") else unquote(parsed.path)
        name = path if path.startswith("/") or not path else str(base_dir / path)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": name or str(base_dir / "db.sqlite3"),
            # IMMEDIATE takes the write lock at BEGIN, so concurrent writers wait
            # instead of failing with "database is locked".
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    if parsed.scheme in {"postgres", "postgresql", "pgsql"}:
        options = {key: values[-1] for key, values in parse_qs(parsed.query).items()}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }
    raise ImproperlyConfigured(
        f"DATABASE_URL must start with sqlite:// or postgres://, not {parsed.scheme or url!r}."
    )


def parse_cache_url(url: str) -> dict:
    parsed = urlparse(url)
    if parsed.scheme in {"redis", "rediss"}:
        return {"BACKEND": "pioneer.rediscache.SharedClientRedisCache", "LOCATION": url}
    if parsed.scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": parsed.netloc or "pioneer"}
    raise ImproperlyConfigured(f"CACHE_URL must start with redis:// or locmem://, not {url!r}.")


WEAK_SECRET_MARKERS = ("insecure", "change-me", "changeme", "secret")


def check_secret_key(key: str) -> None:
    if len(key) < 50 or len(set(key)) < 5 or any(marker in key.lower() for marker in WEAK_SECRET_MARKERS):
        raise ImproperlyConfigured(
            "SECRET_KEY is missing or weak: with DEBUG off it must be at least 50 random characters."
        )
