"""A gunicorn app server for the throughput figures: 4 workers, production settings, on loopback."""

import contextlib
import http.client
import os
import socket
import subprocess
import sys
import time

WORKERS = int(os.environ.get("BENCH_WORKERS", 4))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def gunicorn(env, *, ready_path="/bench/bare/"):
    """Start gunicorn, wait until it answers, yield its port; stop exactly the process started here."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "pioneer.wsgi:application", "--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning", "--timeout", "60"],
        env=env, stdout=subprocess.DEVNULL, stderr=sys.stderr,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", ready_path)
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("gunicorn did not start")
            time.sleep(0.5)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
