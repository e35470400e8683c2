"""Vote figure: sustained ballots/s on the vote endpoint, 16 clients for 20 s on gunicorn, nothing lost or doubled.

Run as `python -m benchmarks.votes` with the city's production environment; prints one JSON object.
A window made for the run gets fresh cards (hashed the way the evaluation app hashes them); each client
spends each of its cards once, from an address of its own per vote (BEHIND_PROXY: the last
X-Forwarded-For hop), as citizens behind the site's proxy would; the vote view limits 20 POSTs a minute
per address and the project has no setting to change that. Afterwards the ballots stored for the window
are compared with the votes the server accepted, and the window, its cards and ballots are deleted.
"""

import http.client
import json
import os
import re
import secrets
import statistics
import sys
import threading
import time
import urllib.parse

CLIENTS = int(os.environ.get("BENCH_VOTE_CLIENTS", 16))
SECONDS = float(os.environ.get("BENCH_VOTE_SECONDS", 20))
CARDS = int(os.environ.get("BENCH_VOTE_CARDS", 16_000))
CODE = "BENCH-VOTE"
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def prepare():
    """The run's window and cards, committed so the app server sees them; returns the raw codes."""
    import datetime

    from django.utils import timezone

    from evaluation.models import EvaluationYear, TokenBatch, VoteToken
    from evaluation.vote.services import hash_token
    from members.models import Role
    from posts.models import Window

    cleanup()
    committee = Role.objects.get(user__username="committee", kind="committee_staff").organisation
    unit = committee.children.order_by("code").first()
    year = EvaluationYear.objects.get(phase="assessment")
    window = Window.objects.create(organisation=unit, code=CODE, name="压力测试窗口", is_active=False)
    codes = ["".join(secrets.choice(ALPHABET) for _i in range(16)) for _n in range(CARDS)]
    tokens = []
    for start in range(0, CARDS, 500):
        batch = TokenBatch.objects.create(year=year, window=window, size=min(500, CARDS - start),
                                          expires_at=timezone.now() + datetime.timedelta(days=1))
        tokens += [VoteToken(batch=batch, token_hash=hash_token(code)) for code in codes[start:start + 500]]
    VoteToken.objects.bulk_create(tokens, batch_size=2000)
    return window, codes


def cleanup():
    from evaluation.models import Ballot, TokenBatch, VoteToken
    from posts.models import Window

    window = Window.objects.filter(code=CODE).first()
    if window is None:
        return
    Ballot.objects.filter(window=window).delete()
    VoteToken.objects.filter(batch__window=window).delete()
    TokenBatch.objects.filter(window=window).delete()
    window.delete()


def client(port, codes, start, results, worker):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for _warm in range(3):  # the form's CSRF token, and every worker warmed up before the clock starts
        conn.request("GET", "/vote/")
        page = conn.getresponse()
        body = page.read().decode()
    cookie = re.search(r"csrftoken=([^;]+)", page.getheader("Set-Cookie") or "").group(1)
    form_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    for n in range(3):  # the POST path warmed too: a code of the right length that no card has
        payload = urllib.parse.urlencode({"csrfmiddlewaretoken": form_token, "token": "2" * 16, "rating": "satisfied"})
        conn.request("POST", "/vote/", payload, {"Cookie": f"csrftoken={cookie}", "Content-Type": "application/x-www-form-urlencoded",
                                                  "X-Forwarded-For": f"10.{worker}.255.{n + 1}"})
        conn.getresponse().read()
    start.wait()
    deadline = time.monotonic() + SECONDS
    for n, code in enumerate(codes):
        if time.monotonic() >= deadline:
            break
        payload = urllib.parse.urlencode({"csrfmiddlewaretoken": form_token, "token": code, "rating": "satisfied"})
        headers = {"Cookie": f"csrftoken={cookie}", "Content-Type": "application/x-www-form-urlencoded",
                   "X-Forwarded-For": f"10.{worker}.{n // 250 % 250}.{n % 250 + 1}"}
        started = time.perf_counter()
        try:
            conn.request("POST", "/vote/", payload, headers)
            response = conn.getresponse()
            text = response.read().decode()
        except (OSError, http.client.HTTPException):
            results.append(("error", time.perf_counter() - started))
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        ok = response.status == 200 and 'data-testid="vote-done"' in text
        results.append(("accepted" if ok else f"refused {response.status}", time.perf_counter() - started))


def main():
    sys.path.insert(0, os.getcwd())
    import django

    django.setup()
    from django.db import connections

    from benchmarks.server import gunicorn
    from evaluation.models import Ballot, VoteToken

    window, codes = prepare()
    connections.close_all()
    results = []
    try:
        with gunicorn(dict(os.environ, BEHIND_PROXY="1")) as port:
            share = len(codes) // CLIENTS
            start = threading.Barrier(CLIENTS + 1, timeout=120)
            threads = [threading.Thread(target=client, args=(port, codes[i * share:(i + 1) * share], start, results, i))
                       for i in range(CLIENTS)]
            for t in threads:
                t.start()
            start.wait()
            started = time.monotonic()
            for t in threads:
                t.join(SECONDS + 60)
            elapsed = time.monotonic() - started
        accepted = sum(1 for r, _t in results if r == "accepted")
        stored = Ballot.objects.filter(window=window).count()
        used = VoteToken.objects.filter(batch__window=window, used=True).count()
        latencies = sorted(t for _r, t in results)
        refused = {}
        for r, _t in results:
            if r != "accepted":
                refused[r] = refused.get(r, 0) + 1
        out = {
            "clients": CLIENTS, "seconds": elapsed, "requests": len(results), "accepted": accepted, "stored": stored, "cards_used": used,
            "lost": max(accepted - stored, 0), "double": max(stored - accepted, 0), "refused": refused,
            "ballots_per_s": stored / elapsed if elapsed else 0,
            "p50_ms": statistics.median(latencies) * 1000 if latencies else None,
            "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000 if latencies else None,
            "cards_ran_out": len(results) >= share * CLIENTS,
        }
    finally:
        cleanup()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
