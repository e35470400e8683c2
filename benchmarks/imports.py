"""Import figure: 50,000 members previewed and applied into the city, in a transaction rolled back afterwards.

Run as `python -m benchmarks.imports` on the city database; prints one JSON object. Measures the import
service the Excel pages call (members.imports.run), preview then apply, as a request would run it today;
when imports become background jobs, the job is what to call here.
"""

import datetime
import io
import json
import os
import sys
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


def main():
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from members import imports
    from members.models import Member, Organisation

    admin = get_user_model().objects.get(username="admin")
    codes = list(Organisation.objects.branches().order_by("code").values_list("code", flat=True))
    content = workbook(IMPORTED, codes)
    out = {"rows": IMPORTED}
    try:
        with transaction.atomic():
            before = Member.objects.count()
            started = time.perf_counter()
            preview = imports.run(admin, spec=imports.SPECS["members"], fileobj=io.BytesIO(content))
            out["preview_s"] = time.perf_counter() - started
            applied = imports.run(admin, spec=imports.SPECS["members"], fileobj=io.BytesIO(content), apply=True, filename="bench.xlsx")
            out["total_s"] = time.perf_counter() - started
            out["ok"] = bool(preview.ok and applied.applied) and Member.objects.count() == before + IMPORTED
            if not out["ok"]:
                out["problems"] = [preview.file_errors, [r.problems for r in preview.rows if r.problems][:3]]
            raise Rollback
    except Rollback:
        pass
    print(json.dumps(out, default=str))


if __name__ == "__main__":
    sys.path.insert(0, os.getcwd())
    import django

    django.setup()
    from django.utils import translation

    translation.activate("zh-hans")
    main()
