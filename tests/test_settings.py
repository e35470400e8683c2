"""Production settings refuse a weak configuration and pass Django's deploy checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from pioneer import env

ROOT = Path(__file__).resolve().parent.parent
STRONG_KEY = secrets.token_urlsafe(64)


def run_manage(*args, **environ):
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DATABASE_URL", "CACHE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    base.update(DJANGO_SETTINGS_MODULE="pioneer.settings", **environ)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=base, capture_output=True, text=True, timeout=120)


def test_it_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DEBUG="0", ALLOWED_HOSTS="pioneer.example.gov.cn")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_it_refuses_a_weak_secret_key():
    result = run_manage("check", DEBUG="0", SECRET_KEY="django-insecure-" + "x" * 60, ALLOWED_HOSTS="pioneer.example.gov.cn")
    assert result.returncode != 0
    assert "SECRET_KEY is missing or weak" in result.stderr


def test_it_refuses_empty_allowed_hosts():
    result = run_manage("check", DEBUG="0", SECRET_KEY=STRONG_KEY)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_deploy_checks_are_clean_in_production_settings():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DEBUG="0", SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="pioneer.example.gov.cn", CACHE_URL="redis://127.0.0.1:6379/0",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_rejects_a_boolean_it_cannot_read(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be a boolean"):
        env.get_bool("DEBUG", default=False)


def test_database_url_parses_postgres_and_sqlite():
    pg = env.parse_database_url("postgres://pioneer:s%40cret@db.internal:5433/pioneer?sslmode=require", ROOT)
    assert pg["ENGINE"] == "django.db.backends.postgresql"
    assert (pg["USER"], pg["PASSWORD"], pg["HOST"], pg["PORT"], pg["NAME"]) == ("pioneer", "s@cret", "db.internal", "5433", "pioneer")
    assert pg["OPTIONS"] == {"sslmode": "require"}
    sqlite = env.parse_database_url("sqlite:///db.sqlite3", ROOT)
    assert sqlite["NAME"] == str(ROOT / "db.sqlite3")
    assert sqlite["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    with pytest.raises(ImproperlyConfigured):
        env.parse_database_url("mysql://x/y", ROOT)
