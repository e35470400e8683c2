"""Excel export benchmark: a 100,000-member roster export against a raw openpyxl write-only loop.

Run alone (`python -m benchmarks.export`) it builds a throwaway database (an SQLite file in a temporary
folder, or a test database next to DATABASE_URL when that is set), so it never touches real data.
`make bench` instead keeps the roster in its own database, built once (`build`), and measures it
there (`measure-here`): migrating a fresh test database took most of this figure's time.
Prints the figures as one JSON object.
"""

import datetime
import json
import os
import resource
import sys
import tempfile
import time
import tracemalloc

MEMBERS = int(os.environ.get("BENCH_MEMBERS", 100_000))
RUNS = int(os.environ.get("BENCH_RUNS", 3))
MAX_RATIO = 1.3
MAX_PEAK_MB = 150


def setup_django(workdir):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pioneer.settings")
    os.environ["MEDIA_ROOT"] = os.path.join(workdir, "media")
    own_database = "DATABASE_URL" not in os.environ
    if own_database:
        os.environ["DATABASE_URL"] = f"sqlite:///{os.path.join(workdir, 'bench.sqlite3')}"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if own_database:
        call_command("migrate", verbosity=0)
        return lambda: None
    old_name = connection.settings_dict["NAME"]
    # Its own name, so that a test run on the same server never meets it.
    connection.settings_dict["TEST"]["NAME"] = f"bench_{old_name}"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    return lambda: connection.creation.destroy_test_db(old_name, verbosity=0)


def build_roster(n):
    from members import bulk
    from members.models import Member, Organisation

    committee = Organisation.objects.create(kind="committee", code="C", name="区直机关党工委")
    units = bulk.create_organisations(
        Organisation(kind="unit", code=f"U{u:02d}", name=f"第{u}单位党组织", parent=committee) for u in range(10)
    )
    branches = bulk.create_organisations(
        Organisation(kind="branch", code=f"U{u:02d}-{b:02d}", name=f"第{u}单位第{b}党支部", parent=units[u])
        for u in range(10) for b in range(10)
    )
    educations = [c for c, _label in Member.Education.choices]
    batch = []
    for i in range(n):
        batch.append(Member(
            member_no=f"M{i:06d}", name=f"党员{i}", gender="MF"[i % 2], birth_date=datetime.date(1960 + i % 40, 1 + i % 12, 1 + i % 28),
            education=educations[i % len(educations)], position="科员，政务服务窗口", job_title="经济师" if i % 3 else "",
            specialties="政策咨询、窗口服务", phone=f"+86 138{i:08d}" if i % 2 else f"138{i:08d}",
            is_cadre=i % 5 == 0, branch=branches[i % len(branches)],
        ))
        if len(batch) == 5000:
            bulk.create_members(batch)
            batch = []
    bulk.create_members(batch)
    return branches


def raw_loop(sink):
    """What the export is measured against: the same rows, straight from the database into openpyxl."""
    from openpyxl import Workbook

    from members.models import Member

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("raw")
    ws.append(["header"] * 15)
    rows = Member.objects.order_by("branch__code", "member_no").values_list(
        "member_no", "name", "gender", "birth_date", "education", "position", "job_title", "qualifications",
        "specialties", "standing", "is_cadre", "phone", "branch__code", "branch__name", "is_active",
    )
    for row in rows.iterator(chunk_size=2000):
        ws.append(row)
    wb.save(sink)


def export_roster(sink, limit=None):
    """The real export: the view's exporter and its streamed response."""
    from members.exports import MemberExporter
    from members.models import Member

    members = Member.objects.all()
    if limit:
        members = members.filter(member_no__lt=f"M{limit:06d}")
    response = MemberExporter(members).response()
    for chunk in response.streaming_content:
        sink.write(chunk)
    response.close()


def timed(fn, *args):
    """Wall-clock and CPU seconds of one call; CPU time is what the ratio uses, as other processes share the machine."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn(*args)
    return time.perf_counter() - wall, time.process_time() - cpu


def main(mode=""):
    from django.utils import translation

    figures = {}
    with tempfile.TemporaryDirectory(prefix="pioneer-bench-") as workdir:
        if mode in ("build", "measure-here"):
            os.environ["MEDIA_ROOT"] = os.path.join(workdir, "media")
            import django

            django.setup()
            teardown = lambda: None  # noqa: E731
        else:
            teardown = setup_django(workdir)
        try:
            translation.activate("zh-hans")
            if mode != "measure-here":
                start = time.perf_counter()
                build_roster(MEMBERS)
                print(f"    inserted {MEMBERS:,} members in {time.perf_counter() - start:.1f} s", file=sys.stderr)
            if mode == "build":
                return 0

            # Interleaved runs, best of each: the machine is shared, so single runs are noisy.
            raw_runs, export_runs = [], []
            for _run in range(RUNS):
                raw_runs.append(timed(raw_loop, tempfile.TemporaryFile()))
                export_runs.append(timed(export_roster, tempfile.TemporaryFile()))
            figures["raw_cpu_s"] = min(r[1] for r in raw_runs)
            figures["raw_wall_s"] = min(r[0] for r in raw_runs)
            figures["export_cpu_s"] = min(r[1] for r in export_runs)
            figures["export_wall_s"] = min(r[0] for r in export_runs)
            figures["cpu_ratio"] = figures["export_cpu_s"] / figures["raw_cpu_s"]

            peaks = {}
            for rows in (MEMBERS // 10, None):
                tracemalloc.start()
                export_roster(tempfile.TemporaryFile(), limit=rows)
                peaks[rows or MEMBERS] = tracemalloc.get_traced_memory()[1] / 1024 / 1024
                tracemalloc.stop()
            figures["peak_mb"] = peaks[MEMBERS]
            figures["peak_mb_tenth"] = peaks[MEMBERS // 10]
            figures["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            figures.update(rows=MEMBERS, runs=RUNS, max_ratio=MAX_RATIO, max_peak_mb=MAX_PEAK_MB)
        finally:
            teardown()
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, os.getcwd())
    sys.exit(main(*sys.argv[1:2]))
