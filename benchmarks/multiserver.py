"""Two app servers, one worker, one PostgreSQL, one Redis: 2,000 hall votes and 300 feedback items, none lost or doubled.

Run by `scripts/multiserver`. Creates and migrates the scratch database `pioneer_multiserver`, loads the
demo, prints 2,000 vote cards, starts two gunicorn servers (deploy/gunicorn.conf.py, production settings)
and one Celery worker, then spreads the votes and the feedback over both servers from bounded threads on
loopback, all from 127.0.0.1 as a service hall's citizens would be. Every item must be stored exactly once
and no legitimate voter refused. Stops everything it started and drops the scratch database.
RATELIMIT_FEEDBACK is raised for the run: 300 items from one address is a hall, the documented knob.
"""

import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = os.environ.get("MULTISERVER_DB", "pioneer_multiserver")
PG = os.environ.get("MULTISERVER_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("MULTISERVER_REDIS", "redis://127.0.0.1:6379/7")
VOTES, FEEDBACK, THREADS = 2000, 300, 8
# Bounded in time: under ~3 minutes in all on a quiet 2-core machine; a loaded one may need more.
DEADLINE_S = float(os.environ.get("MULTISERVER_SECONDS", 150))


START = time.monotonic()


def log(step):
    print(f"multiserver: {time.monotonic() - START:5.0f} s  {step}", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(port=None) -> dict:
    env = dict(
        os.environ, DEBUG="0", LOCAL_DEMO="0", SECRET_KEY=SECRET, ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=f"{PG}/{DB_NAME}", CACHE_URL=REDIS, CELERY_BROKER_URL=REDIS, SECURE_SSL_REDIRECT="0", BEHIND_PROXY="1",
        DJANGO_SETTINGS_MODULE="pioneer.settings", RATELIMIT_FEEDBACK="1000/h", LOG_LEVEL="WARNING",
        GUNICORN_WORKERS="2", GUNICORN_ACCESS_LOG="/dev/null", STATIC_ROOT=str(STATIC_ROOT),
    )
    if port:
        env["GUNICORN_BIND"] = f"127.0.0.1:{port}"
    return env


SECRET = secrets.token_urlsafe(64)
STATIC_ROOT = ROOT / "staticfiles"


def admin(sql: str):
    import psycopg2

    conn = psycopg2.connect(f"{PG}/postgres")
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(sql)
    conn.close()


def drop_db():
    admin(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{DB_NAME}' AND pid <> pg_backend_pid()")
    admin(f"DROP DATABASE IF EXISTS {DB_NAME}")


def manage(*args):
    log(" ".join(args))
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environment(), check=True)


def prepare() -> tuple[str, int, list[str]]:
    """Cards for VOTES votes on one window of the demo's assessment year; returns the window code and the codes."""
    script = (
        "from evaluation.models import EvaluationYear\n"
        "from evaluation.vote.services import generate_tokens\n"
        "from members.models import Role\n"
        "from posts.models import Window\n"
        "actor = Role.objects.filter(kind='committee_staff').first().user\n"
        "year = EvaluationYear.objects.get(phase='assessment')\n"
        "window = Window.objects.filter(is_active=True).order_by('code').first()\n"
        "print('WINDOW', window.code)\n"
        "from evaluation.models import Ballot\n"
        "print('BEFORE', Ballot.objects.filter(window=window).count())\n"
        f"for _n in range({VOTES} // 500):\n"
        "    for code in generate_tokens(actor, year=year, window=window, size=500)[1]:\n"
        "        print('CODE', code)\n"
    )
    out = subprocess.run([sys.executable, "manage.py", "shell", "-c", script], cwd=ROOT, env=environment(),
                         check=True, capture_output=True, text=True).stdout
    window = re.search(r"^WINDOW (\S+)$", out, re.M).group(1)
    before = int(re.search(r"^BEFORE (\d+)$", out, re.M).group(1))  # the demo's own ballots for the window
    return window, before, re.findall(r"^CODE (\S+)$", out, re.M)


def start(cmd, env) -> subprocess.Popen:
    return subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=sys.stderr)


def stop(process: subprocess.Popen):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wait_ready(port, process):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"the app server on port {port} did not become healthy")


class Client:
    def __init__(self, port):
        self.port, self.conn, self.cookie = port, http.client.HTTPConnection("127.0.0.1", port, timeout=30), None

    def request(self, method, path, fields=None):
        # Behind the site's proxy, as in production; the whole hall is one address.
        headers = {"X-Forwarded-For": "127.0.0.1"}
        if self.cookie:
            headers["Cookie"] = f"csrftoken={self.cookie}"
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.conn.request(method, path, body, headers)
            response = self.conn.getresponse()
            text = response.read().decode()
        except (OSError, http.client.HTTPException):
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            raise
        found = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "")
        if found:
            self.cookie = found.group(1)
        return response, text


def field(text, name):
    return re.search(rf'name="{name}" value="([^"]+)"', text).group(1)


def vote(client: Client, code: str) -> str:
    if not getattr(client, "csrf", None):  # a hall's kiosk keeps the vote page open: one form, many voters
        _r, page = client.request("GET", "/vote/")
        client.csrf = field(page, "csrfmiddlewaretoken")
    response, text = client.request("POST", "/vote/", {"csrfmiddlewaretoken": client.csrf,
                                                       "token": code, "rating": "satisfied"})
    return "vote ok" if response.status == 200 and 'data-testid="vote-done"' in text else f"vote {response.status}"


def feedback(client: Client, window: str, n: int) -> str:
    path = f"/feedback/new/{window}/"
    _r, page = client.request("GET", path)
    response, _text = client.request("POST", path, {
        "csrfmiddlewaretoken": field(page, "csrfmiddlewaretoken"), "token": field(page, "token"),
        "kind": "suggestion", "text": f"多服务器测试意见第{n}条：窗口服务很好。", "member": "",
    })
    location = response.getheader("Location") or ""
    return "feedback ok" if response.status == 302 and "/feedback/" in location else f"feedback {response.status}"


def run_load(ports, window, codes) -> dict:
    jobs = [("vote", code) for code in codes] + [("feedback", n) for n in range(FEEDBACK)]
    jobs = jobs[::2] + jobs[1::2]  # votes and feedback interleaved in time
    lock, results, deadline = threading.Lock(), {}, time.monotonic() + DEADLINE_S

    def worker(i):
        client = Client(ports[i % len(ports)])
        while time.monotonic() < deadline:
            with lock:
                if not jobs:
                    return
                kind, arg = jobs.pop()
            try:
                outcome = vote(client, arg) if kind == "vote" else feedback(client, window, arg)
            except (OSError, http.client.HTTPException, AttributeError) as exc:
                outcome = f"{kind} error {type(exc).__name__}"
            with lock:
                results[outcome] = results.get(outcome, 0) + 1

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(DEADLINE_S + 60)  # a request in flight at the deadline ends within its 30 s timeout
    with lock:
        results["not sent"] = len(jobs)
        results["still running"] = sum(t.is_alive() for t in threads)
    return results


def stored(window: str) -> dict:
    script = (
        "from evaluation.models import Ballot\n"
        "from posts.models import Feedback\n"
        f"print('BALLOTS', Ballot.objects.filter(window__code='{window}').count())\n"
        "print('FEEDBACK', Feedback.objects.filter(text__startswith='多服务器测试').count())\n"
        "print('CODES', Feedback.objects.filter(text__startswith='多服务器测试').values('tracking_code').distinct().count())\n"
    )
    out = subprocess.run([sys.executable, "manage.py", "shell", "-c", script], cwd=ROOT, env=environment(),
                         check=True, capture_output=True, text=True).stdout
    return {k: int(v) for k, v in re.findall(r"^(\w+) (\d+)$", out, re.M)}


def main() -> int:
    started = time.monotonic()
    processes = []
    try:
        drop_db()
        admin(f"CREATE DATABASE {DB_NAME}")
        import redis

        redis.Redis.from_url(REDIS).flushdb()
        manage("migrate", "-v0")
        manage("collectstatic", "--noinput", "-v0")
        manage("load_demo")
        log("cards")
        window, before, codes = prepare()
        log("servers")
        ports = [free_port(), free_port()]
        for port in ports:
            processes.append(start([sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "pioneer.wsgi"], environment(port)))
        processes.append(start([sys.executable, "-m", "celery", "-A", "pioneer", "worker", "--pool=solo", "-l", "WARNING"], environment()))
        for port, process in zip(ports, processes[:2], strict=True):
            wait_ready(port, process)
        log("load")
        results = run_load(ports, window, codes)
        counts = stored(window)
        counts["BALLOTS"] -= before
        accepted = results.get("vote ok", 0) + results.get("feedback ok", 0)
        failures = []
        accepted_votes = results.get("vote ok", 0)
        if counts.get("BALLOTS") != accepted_votes:
            failures.append(f"ballots stored {counts.get('BALLOTS')} != votes accepted {accepted_votes}")
        if counts.get("BALLOTS") != VOTES:
            failures.append(f"ballots stored {counts.get('BALLOTS')} != {VOTES}")
        if counts.get("FEEDBACK") != FEEDBACK or counts.get("CODES") != FEEDBACK:
            failures.append(f"feedback stored {counts.get('FEEDBACK')} ({counts.get('CODES')} codes) != {FEEDBACK}")
        refused = sum(n for k, n in results.items() if not k.endswith(" ok"))
        missing = abs(VOTES - counts.get("BALLOTS", 0)) + abs(FEEDBACK - counts.get("FEEDBACK", 0)) + FEEDBACK - counts.get("CODES", 0)
        for key, n in sorted(results.items()):
            if not key.endswith(" ok") and n:
                failures.append(f"{key}: {n}")
        print(f"multiserver: stored {counts}; outcomes {results}")
        for line in failures:
            print(f"multiserver: FAIL {line}")
        print(f"multiserver: {accepted} passed, {max(refused, missing)} failed in {time.monotonic() - started:.0f} s "
              "(2 app servers, 1 worker, one PostgreSQL, one Redis)")
        return 1 if failures else 0
    finally:
        for process in processes:
            stop(process)
        drop_db()


if __name__ == "__main__":
    sys.exit(main())
