"""Security events reach the pioneer.security log; the vote's requests reach no log at all."""

import datetime
import io
import logging
import os
import runpy
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.test import RequestFactory
from django.urls import reverse
from gunicorn.config import Config

from members import audit
from pioneer import logfilters, security
from pioneer.gunicorn_logging import PrivateAccessLogger
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent


def security_lines(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "pioneer.security"]


# ---------------------------------------------------------------- security events


def test_an_applied_import_is_logged_once_committed(caplog, django_capture_on_commit_callbacks, admin_user, branch_a1):
    caplog.set_level(logging.INFO, logger="pioneer.security")
    with django_capture_on_commit_callbacks(execute=True):
        audit.record(admin_user, "members.members.imported", branch_a1, to_state="2+0", reason="名册.xlsx")
        assert security_lines(caplog) == []  # nothing before the commit: a rolled-back import never happened
    (line,) = security_lines(caplog)
    assert line.startswith("members.members.imported ") and f'"actor": {admin_user.pk}' in line and '"to": "2+0"' in line


@pytest.mark.parametrize("action", ["evaluation.result.adjusted", "posts.plaque.recorded", "posts.windows.imported"])
def test_adjustments_plaque_decisions_and_imports_are_security_events(action):
    assert security.is_security_action(action)


def test_ordinary_moves_are_not_security_events(caplog, django_capture_on_commit_callbacks, admin_user, branch_a1):
    caplog.set_level(logging.INFO, logger="pioneer.security")
    with django_capture_on_commit_callbacks(execute=True):
        audit.record(admin_user, "posts.nomination.submitted", branch_a1)
    assert security_lines(caplog) == []


def test_a_lockout_is_logged(client, caplog, member_user, settings):
    caplog.set_level(logging.INFO, logger="pioneer.security")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": member_user.username, "password": "wrong"}, REMOTE_ADDR="10.9.9.9")
    lines = [line for line in security_lines(caplog) if line.startswith("auth.locked_out")]
    assert len(lines) == 1 and '"address": "10.9.9.9"' in lines[0] and f'"username": "{member_user.username}"' in lines[0]


def test_refused_access_is_logged_and_shows_the_friendly_page(client_for, caplog, db):
    caplog.set_level(logging.INFO, logger="pioneer.security")
    user = UserFactory(username="nobody")
    response = client_for(user).get(reverse("members:list"))
    assert response.status_code == 403 and "无权操作" in response.content.decode()
    (line,) = [line for line in security_lines(caplog) if line.startswith("access.denied")]
    assert '"path": "/members/"' in line and f'"user": {user.pk}' in line


def test_a_csrf_failure_shows_a_chinese_page_and_is_logged(caplog, db):
    from django.test import Client

    caplog.set_level(logging.INFO, logger="pioneer.security")
    response = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "x", "password": "y"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "表单已过期" in html and "CSRF verification failed" not in html and "<h1" in html
    assert any(line.startswith("access.csrf_failed") for line in security_lines(caplog))


@pytest.mark.parametrize("field", ["token", "card", "ballot", "rating"])
def test_an_event_never_carries_a_card_or_a_ballot(field):
    with pytest.raises(ValueError, match="never carry"):
        security.log_event("evaluation.vote.cast", **{field: "ABCD-EFGH"})


# ---------------------------------------------------------------- the vote reaches no log


@pytest.mark.parametrize("path,dropped", [
    ("/vote/", True), ("/vote/?x=1", True), ("/healthz", True),
    ("/voters/", False), ("/windows/WA/", False), ("/", False),
])
def test_the_filter_drops_the_vote_and_health_checks_only(path, dropped):
    request = RequestFactory().post(path)
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Too Many Requests: %s", (request.path,), None)
    record.request = request
    assert logfilters.DropUnloggedPaths().filter(record) is not dropped
    server_line = logging.LogRecord("django.server", logging.INFO, __file__, 1, '"%s" %s %s', (f"POST {path} HTTP/1.1", "200", "12"), None)
    assert logfilters.DropUnloggedPaths().filter(server_line) is not dropped


def test_the_vote_url_is_one_the_filter_knows():
    assert logfilters.is_unlogged(reverse("evaluation:vote"))


@pytest.fixture
def console_output():
    """What the site's configured console handler writes, captured."""
    handler = next(h for h in logging.getLogger().handlers if any(isinstance(f, logfilters.DropUnloggedPaths) for f in h.filters))
    stream = io.StringIO()
    old = handler.setStream(stream)
    yield stream
    handler.setStream(old)


def test_djangos_request_log_never_names_a_refused_vote(client, console_output, settings, db):
    settings.RATELIMITS = {**settings.RATELIMITS, "vote_failed": "1/m"}
    for _ in range(3):
        client.post(reverse("evaluation:vote"), {"token": "WRONG", "rating": "satisfied"}, REMOTE_ADDR="10.4.4.4")
    client.get("/no-such-page/")
    output = console_output.getvalue()
    assert "/no-such-page/" in output  # the handler does log other requests
    assert "/vote/" not in output


def access_line(tmp_path, path):
    log_file = tmp_path / "access.log"
    cfg = Config()
    cfg.set("accesslog", str(log_file))
    logger = PrivateAccessLogger(cfg)
    environ = {"REQUEST_METHOD": "POST", "RAW_URI": path, "PATH_INFO": path.split("?")[0], "SERVER_PROTOCOL": "HTTP/1.1",
               "REMOTE_ADDR": "10.5.5.5"}
    logger.access(SimpleNamespace(status="200 OK", headers=[], sent=10), SimpleNamespace(headers=[]), environ,
                  datetime.timedelta(milliseconds=5))
    for handler in logger.access_log.handlers:
        handler.flush()
    return log_file.read_text() if log_file.exists() else ""


def test_gunicorns_access_log_drops_the_vote_and_keeps_the_rest(tmp_path):
    assert access_line(tmp_path, "/vote/") == ""
    line = access_line(tmp_path, "/windows/WA/")
    assert "10.5.5.5" in line and "POST /windows/WA/" in line


def test_the_gunicorn_config_uses_the_private_logger():
    conf = runpy.run_path(str(ROOT / "deploy/gunicorn.conf.py"))
    cfg = Config()
    cfg.set("logger_class", conf["logger_class"])
    assert cfg.logger_class is PrivateAccessLogger


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_running_gunicorn_keeps_the_vote_out_of_its_access_log(tmp_path):
    port = free_port()
    environ = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "CACHE_URL"}}
    environ.update(DJANGO_SETTINGS_MODULE="pioneer.settings", LOCAL_DEMO="1", DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
                   GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_WORKERS="1")
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "pioneer.wsgi"], cwd=ROOT, env=environ,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        for path in ("/vote/", "/no-such-page/"):
            try:
                urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": "127.0.0.1"}), timeout=60)
            except urllib.error.HTTPError:
                pass
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert '"GET /no-such-page/ HTTP/1.1" 404' in output, output
    assert "/vote/" not in output and "/healthz" not in output
