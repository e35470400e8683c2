"""Vote-card figure: 20,000 cards for many windows of the city as one PDF, by the job the cards page starts.

Run as `python -m benchmarks.cards [cards] [cards per window]` on a benchmark database; prints one JSON object.
It calls the job function itself (evaluation.vote.jobs.make_cards_pdf_for_windows) with what the page's form
sends, as the committee's first login, inside a transaction that is rolled back, so the database keeps its
state. The windows are those of whole units, in code order, until there are enough for the cards.

The statements are counted in two kinds: the INSERTs of batches and tokens, 500 rows each, which grow with
the cards by design, and all the others, which must not grow: the parent compares them with a district run.
The runner around the job (not timed here) adds at most one progress UPDATE a second and the file's save.
"""

import io
import json
import math
import os
import resource
import sys
import time
import uuid

CARDS = int(os.environ.get("BENCH_CARDS", 20_000))
PER_WINDOW = int(os.environ.get("BENCH_CARDS_PER_WINDOW", 80))
CHUNKED = ('INSERT INTO "evaluation_votetoken"', 'INSERT INTO "evaluation_tokenbatch"')


class Rollback(Exception):
    pass


def units_for(user, windows_wanted: int) -> tuple[list[int], int]:
    """Whole units, in code order, until their open windows (those the user manages) reach the number wanted."""
    from django.db.models import Count

    from posts.models import Window

    per_unit = (
        Window.objects.active()
        .managed_by(user)
        .values("organisation", "organisation__code")
        .annotate(n=Count("pk"))
        .order_by("organisation__code")
    )
    units, windows = [], 0
    for row in per_unit:
        if windows >= windows_wanted:
            break
        units.append(row["organisation"])
        windows += row["n"]
    return units, windows


def main(cards: int, per_window: int) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.db.models import Max
    from pypdf import PdfReader

    from benchmarks.measure import backend_cpu
    from evaluation.models import EvaluationYear, TokenBatch, VoteToken
    from evaluation.vote.jobs import MANY, make_cards_pdf_for_windows
    from members.jobs.models import Job

    actor = get_user_model().objects.get(username="committee")
    year = EvaluationYear.objects.get(phase="assessment")
    units, windows = units_for(actor, math.ceil(cards / per_window))
    params = {
        "year": year.year,
        "units": units,
        "size": per_window,
        "valid_days": 60,
        "submission": str(uuid.uuid4()),
        "vote_url": "https://pioneer.example.gov.cn/vote/",
    }
    out = {"cards": windows * per_window, "windows": windows, "units": len(units), "per_window": per_window}
    counts = {"chunked": 0, "other": 0}

    def wrapper(execute, sql, sql_params, many, context):
        counts["chunked" if sql.startswith(CHUNKED) else "other"] += 1
        return execute(sql, sql_params, many, context)

    marks = []

    def progress(done, total):
        marks.append((time.perf_counter(), done, total))

    try:
        with transaction.atomic():
            last_batch = TokenBatch.objects.aggregate(n=Max("pk"))["n"] or 0
            # The job row as start_job writes it (the runner is not part of the figure).
            job = Job.objects.create(kind=MANY, created_by=actor, params=params, language="zh-hans")
            job = Job.objects.select_related("created_by").get(pk=job.pk)
            connection.ensure_connection()
            backend = connection.connection.info.backend_pid
            db_cpu = backend_cpu(backend)
            rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            started, cpu = time.perf_counter(), time.process_time()
            with connection.execute_wrapper(wrapper):
                outcome = make_cards_pdf_for_windows(job, progress, **params)
            seconds = time.perf_counter() - started
            out.update(
                seconds=seconds,
                cpu_seconds=time.process_time() - cpu,
                db_cpu_seconds=backend_cpu(backend) - db_cpu,
                queries=counts["chunked"] + counts["other"],
                chunked_inserts=counts["chunked"],
                other_queries=counts["other"],
                pdf_bytes=len(outcome.file),
                peak_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                rss_before_mb=rss_before / 1024,
                progress_calls=len(marks),
            )
            # When the tokens were all stored (the bar's first half): the rest is the PDF.
            tokens_done = next((t for t, done, total in marks if total and done >= total // 2), started)
            out["tokens_seconds"] = tokens_done - started
            out["pdf_seconds"] = seconds - out["tokens_seconds"]
            # After the last part was written: joining the parts into one file.
            out["join_seconds"] = started + seconds - marks[-1][0] if marks else 0.0
            out["pages"] = len(PdfReader(io.BytesIO(outcome.file)).pages)
            made = TokenBatch.objects.filter(pk__gt=last_batch)
            out["ok"] = (
                made.count() == windows
                and VoteToken.objects.filter(batch__in=made).count() == out["cards"]
                and outcome.data["cards"] == out["cards"]
            )
            raise Rollback
    except Rollback:
        pass
    return out


if __name__ == "__main__":
    sys.path.insert(0, os.getcwd())
    import django

    django.setup()
    from django.utils import translation

    translation.activate("zh-hans")
    arguments = [int(a) for a in sys.argv[1:3]]
    print(json.dumps(main(*(arguments + [CARDS, PER_WINDOW][len(arguments) :])), default=str))
