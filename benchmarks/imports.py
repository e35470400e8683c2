"""Import figure: 50,000 members previewed and applied into the city as jobs, in a transaction rolled back afterwards.

Run as `python -m benchmarks.imports` on the city database; prints one JSON object. Measures what a person's
jobs run: the upload is stored as the upload page stores it, then the preview job and the apply job are
started as the import pages start them (`start_job`, kinds `excel_jobs.PREVIEW` and `excel_jobs.APPLY`) and
each is run in this process by the job runner (`members.jobs.services.run`, what the Celery task and the
eager mode call).

Everything happens inside one outer transaction that is rolled back at the end, so the shared benchmark
database keeps its state: the jobs' own `transaction.atomic()` blocks become savepoints of it, and
`start_job`'s hand-over to a worker (an on-commit callback) is dropped with the rollback, so nothing runs
twice. The stored upload and the preview's details file go to a temporary MEDIA_ROOT removed afterwards.
"""

import datetime
import io
import json
import os
import sys
import tempfile
import time

IMPORTED = int(os.environ.get("BENCH_IMPORTED", 50_000))


class Rollback(Exception):
    pass


def workbook(n, branch_codes):
    from members.exports import MEMBER_COLUMNS
    from pioneer.excel import write_workbook

    rows = (
        (f"N{i:06d}", f"新党员{i}", "女", datetime.date(1990, 1 + i % 12, 1 + i % 28), "硕士研究生", "科员", "", "",
         "数据分析", "正式党员", "否", f"139{i:08d}", branch_codes[i % len(branch_codes)], "", "是")
        for i in range(n)
    )
    buffer = io.BytesIO()
    write_workbook(buffer, "import", MEMBER_COLUMNS, [str(c.label) for c in MEMBER_COLUMNS], rows)
    return buffer.getvalue()


def run_job(actor, kind, params, scope):
    """Start a job as its page does and run it here, as the worker (or the eager mode) would; the finished Job."""
    from members.jobs import services

    job = services.start_job(actor, kind=kind, params=params, scope=scope)
    services.run(str(job.pk))
    job.refresh_from_db()
    return job


def measure(admin, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from members import excel_jobs, imports
    from members.jobs.models import Job
    from members.models import Member

    out = {}
    spec, scope = imports.SPECS["members"], excel_jobs.job_scope(admin)
    before = Member.objects.count()
    # What the upload page does in its request, before the preview job starts: not part of the figure.
    path = imports.store_upload(admin, upload=SimpleUploadedFile("bench.xlsx", content), spec=spec)
    started, cpu = time.perf_counter(), time.process_time()
    preview = run_job(admin, excel_jobs.PREVIEW, {"code": spec.code, "path": path, "name": "bench.xlsx"}, scope)
    out["preview_s"] = time.perf_counter() - started
    applied = None
    if preview.state == Job.State.DONE and preview.result_data.get("ok"):
        # The apply page starts the apply job only for a preview without problems.
        applied = run_job(admin, excel_jobs.APPLY, {"preview": str(preview.pk)}, preview.scope)
    out["total_s"] = time.perf_counter() - started
    out["cpu_s"] = time.process_time() - cpu
    out["ok"] = bool(applied and applied.state == Job.State.DONE and applied.result_data.get("new") == IMPORTED
                     and Member.objects.count() == before + IMPORTED)
    if not out["ok"]:
        failed = applied if applied is not None and applied.state != Job.State.DONE else preview
        rows = excel_jobs.load_details(preview.result_data.get("details", ""))
        out["problems"] = [failed.state, failed.message, [str(e) for e in excel_jobs.file_errors(preview.result_data)],
                           [[str(p) for p in r.problems] for r in rows if r.problems][:3]]
    return out


def main():
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.test.utils import override_settings

    from members.models import Organisation

    admin = get_user_model().objects.get(username="admin")
    codes = list(Organisation.objects.branches().order_by("code").values_list("code", flat=True))
    content = workbook(IMPORTED, codes)
    out = {"rows": IMPORTED}
    with tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media):
        try:
            with transaction.atomic():
                out.update(measure(admin, content))
                raise Rollback
        except Rollback:
            pass
    print(json.dumps(out, default=str, ensure_ascii=False))


if __name__ == "__main__":
    sys.path.insert(0, os.getcwd())
    import django

    django.setup()
    from django.utils import translation

    translation.activate("zh-hans")
    main()
