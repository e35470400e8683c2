"""Pages at one data size: queries per request and median server time, in-process with production settings.

Run as `python -m benchmarks.pages` with DATABASE_URL pointing at a benchmark database; prints one JSON
object. Each page is requested once to warm up (templates, caches), once with the queries counted, then
RUNS times with the clock running; the median of those runs is the figure.
"""

import json
import os
import statistics
import sys
import time

RUNS = int(os.environ.get("BENCH_PAGE_RUNS", 7))


def targets():
    """(key, label, path, username or None): the same questions of any database, resolved from its data."""
    from django.contrib.auth import get_user_model

    from evaluation.models import EvaluationYear
    from members.models import Role
    from posts.models import Round, Window

    staff = Role.objects.filter(kind=Role.Kind.COMMITTEE_STAFF, user__username="committee").select_related("organisation").get()
    committee = staff.organisation
    published = EvaluationYear.objects.filter(phase="published").order_by("-year").first()
    window = Window.objects.filter(organisation__parent=committee, posts__isnull=False).order_by("code").first()
    # A branch's open round, as the district demo has: the committee reaches it through the unit (one query more than a unit's).
    round_ = (Round.objects.filter(status="open", nominations__status="submitted", organisation__kind="branch",
                                   organisation__parent__parent=committee).order_by("organisation__code").first()
              or Round.objects.filter(status="open", nominations__status="submitted").order_by("pk").first())
    user = get_user_model().objects.get(username="committee")
    return user, [
        ("handbook", "/handbook/", "/handbook/", None),
        ("dashboard", "/dashboard/ (committee)", "/dashboard/", user),
        ("results", "/evaluation/<year>/results/", f"/evaluation/{published.year}/results/", user),
        ("members", "/members/", "/members/", user),
        ("announcements", "/announcements/", "/announcements/", None),
        ("home_anonymous", "/ anonymous", "/", None),
        ("home_committee", "/ committee", "/", user),
        ("posts", "/posts/", "/posts/", user),
        ("feedback_inbox", "/staff/feedback/", "/staff/feedback/", user),
        ("window", "/windows/<code>/", f"/windows/{window.code}/", None),
        ("review_board", "/rounds/<pk>/review/", f"/rounds/{round_.pk}/review/", user),
        ("plaque_register", "/plaques/", "/plaques/", None),
    ]


def measure():
    from django.db import connection
    from django.test import Client

    from benchmarks.measure import backend_cpu, counting

    user, pages = targets()
    anonymous, staff = Client(), Client()
    staff.force_login(user)
    out = {}
    for key, label, path, who in pages:
        client = staff if who else anonymous
        response = client.get(path)
        counter, wrapper = counting()
        with connection.execute_wrapper(wrapper):
            response = client.get(path)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        times = []
        # CPU of this process and of its database backend over all runs: the machine is shared, so wall time is noisy.
        cpu_before, db_before = time.process_time(), backend_cpu(pid)
        for _run in range(RUNS):
            started = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        cpu = (time.process_time() - cpu_before + backend_cpu(pid) - db_before) * 1000 / RUNS
        out[key] = {"label": label, "path": path, "status": response.status_code, "bytes": len(response.content),
                    "queries": counter["n"], "median_ms": round(statistics.median(times), 1), "cpu_ms": round(cpu, 1),
                    "runs_ms": [round(t, 1) for t in times]}
        print(f"    {label:32} {response.status_code} {counter['n']:3} queries {out[key]['median_ms']:8.1f} ms wall "
              f"{cpu:8.1f} ms CPU", file=sys.stderr)
    return out


if __name__ == "__main__":
    sys.path.insert(0, os.getcwd())
    import django

    django.setup()
    print(json.dumps(measure()))
