"""Ceiling figure: requests/s of two public pages on gunicorn under wrk, next to a bare view on the same server.

Run as `python -m benchmarks.ceiling` with the city's production environment; prints one JSON object.
The bare view is measured before and after the pages and averaged, so a change in the machine's load
during the run weighs on both sides.
"""

import http.client
import json
import os
import re
import subprocess
import sys
import time

SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", 10))
CONNECTIONS = int(os.environ.get("BENCH_WRK_CONNECTIONS", 16))


def wrk(port, path):
    out = subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "10s", f"http://127.0.0.1:{port}{path}"],
                         capture_output=True, text=True, timeout=SECONDS + 30).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    return {"rps": rate, "non_2xx": int(bad.group(1)) if bad else 0, "socket_errors": errors.group(0) if errors else ""}


def drain(port, limit=120):
    """Wait until a worker is free: a slow page's requests outlive wrk's run and would be counted against the next one."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=limit)
            conn.request("GET", "/bench/bare/")
            conn.getresponse().read()
            # Every worker free: four quick answers in a row.
            started = time.monotonic()
            for _n in range(4):
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=limit)
                conn.request("GET", "/bench/bare/")
                conn.getresponse().read()
            if time.monotonic() - started < 1:
                return
        except OSError:
            time.sleep(0.5)


def main():
    sys.path.insert(0, os.getcwd())
    import django

    django.setup()
    from benchmarks.server import gunicorn
    from members.models import Role
    from posts.models import Window

    committee = Role.objects.get(user__username="committee", kind="committee_staff").organisation
    window = Window.objects.filter(organisation__parent=committee, posts__isnull=False).order_by("code").first()
    paths = {"window": f"/windows/{window.code}/", "handbook": "/handbook/"}
    from django.db import connections

    connections.close_all()
    with gunicorn(dict(os.environ)) as port:
        for path in ["/bench/bare/", paths["window"]]:  # warm every worker (the handbook warms itself: one request takes seconds)
            subprocess.run(["wrk", "-t1", "-c4", "-d2s", f"http://127.0.0.1:{port}{path}"], capture_output=True, timeout=30)
        drain(port)
        bare_before = wrk(port, "/bench/bare/")
        pages = {}
        for key, path in paths.items():
            pages[key] = wrk(port, path)
            drain(port)
        bare_after = wrk(port, "/bench/bare/")
    bare = (bare_before["rps"] + bare_after["rps"]) / 2
    out = {"bare_rps": bare, "bare_runs": [bare_before, bare_after], "seconds": SECONDS, "connections": CONNECTIONS}
    for key, figure in pages.items():
        out[key] = dict(figure, path=paths[key], ratio=figure["rps"] / bare if bare else 0)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
