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
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DATABASE_URL", "CACHE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE",
                                                             "LOCAL_DEMO", "BEHIND_PROXY", "SECURE_SSL_REDIRECT"}}
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


PRODUCTION = {"DEBUG": "0", "SECRET_KEY": STRONG_KEY, "ALLOWED_HOSTS": "pioneer.example.gov.cn", "CACHE_URL": "redis://127.0.0.1:6379/0"}
# The production setups the README documents.
SETUPS = {
    "tls-at-the-app": {},
    "tls-at-a-proxy-that-redirects": {"BEHIND_PROXY": "1", "SECURE_SSL_REDIRECT": "0"},
    "tls-at-a-proxy-app-redirects": {"BEHIND_PROXY": "1"},
}


@pytest.mark.parametrize("setup", SETUPS)
def test_deploy_checks_are_clean_in_every_documented_production_setup(setup):
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, **SETUPS[setup])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


SHOW = "from django.conf import settings as s; print(repr((s.SECURE_SSL_REDIRECT, s.SECURE_PROXY_SSL_HEADER, 'security.W008' in s.SILENCED_SYSTEM_CHECKS, s.SECURE_HSTS_SECONDS > 0)))"


@pytest.mark.parametrize("setup,expected", [
    # Without a proxy nobody may claim HTTPS by sending X-Forwarded-Proto, and W008 is never silenced.
    ("tls-at-the-app", "(True, None, False, True)"),
    ("tls-at-a-proxy-that-redirects", "(False, ('HTTP_X_FORWARDED_PROTO', 'https'), True, True)"),
    ("tls-at-a-proxy-app-redirects", "(True, ('HTTP_X_FORWARDED_PROTO', 'https'), False, True)"),
])
def test_the_proxy_header_is_trusted_only_behind_a_proxy(setup, expected):
    result = run_manage("shell", "-c", SHOW, **PRODUCTION, **SETUPS[setup])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == expected


def test_plain_http_without_a_proxy_refuses_to_start():
    result = run_manage("check", **PRODUCTION, SECURE_SSL_REDIRECT="0")
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT=0 needs TLS at a proxy" in result.stderr


# What `make run` serves with: the Makefile's runserver line sets LOCAL_DEMO=1 (checked below).
DEMO_REQUESTS = """
from django.test import Client
client = Client(HTTP_HOST="127.0.0.1")
page = client.get("/no-such-page/")
print("STATUS", page.status_code)
print(page.content.decode())
csrf = Client(enforce_csrf_checks=True, HTTP_HOST="127.0.0.1").post("/accounts/login/", {"username": "x"})
print("CSRF", csrf.status_code)
print(csrf.content.decode())
print("STATIC", client.get("/static/css/app.css").status_code)
"""


def test_make_run_serves_with_the_loopback_demo_settings():
    makefile = (ROOT / "Makefile").read_text()
    assert "LOCAL_DEMO=1 $(PY) manage.py runserver" in makefile


def test_under_the_make_run_settings_errors_show_friendly_chinese_pages_and_no_url_list(tmp_path):
    result = run_manage("shell", "-c", DEMO_REQUESTS, LOCAL_DEMO="1", DATABASE_URL=f"sqlite:///{tmp_path}/demo.sqlite3")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "STATUS 404" in out and "页面不存在" in out
    # Django's technical 404 lists the URL patterns it tried; the friendly page lists nothing.
    assert "URL patterns" not in out and "pioneer.urls" not in out and "admin/" not in out
    assert "DEBUG = True" not in out
    assert "CSRF 403" in out and "表单已过期" in out and "CSRF verification failed" not in out
    assert "STATIC 200" in out  # WhiteNoise serves the source folders, no collectstatic needed


def test_the_loopback_demo_refuses_other_host_names():
    result = run_manage("check", LOCAL_DEMO="1", ALLOWED_HOSTS="pioneer.example.gov.cn")
    assert result.returncode != 0
    assert "LOCAL_DEMO serves this computer only" in result.stderr


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
