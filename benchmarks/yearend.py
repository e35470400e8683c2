"""Year-end figures: the city's scores in Python against one SQL aggregate, and the committee's three big moves.

Each figure runs in its own process (`python -m benchmarks.yearend <figure>`), inside a transaction that
is rolled back, so the benchmark database keeps its state; the parent kills a process that overruns and
reports a timeout. Prints one JSON object.

JOBS names the service each move calls: the same function its background job runs.
"""

import datetime
import json
import os
import statistics
import sys
import time
from decimal import Decimal

RUNS = int(os.environ.get("BENCH_YEAREND_RUNS", 3))
# name → (service name, keyword arguments besides the actor and the year).
JOBS = {
    "approve": ("approve_remaining", {"committee_score": 90}),
    "publish": ("publish_results", {}),
    "plaques": ("decide_plaques", {}),
}


def _moves():
    from evaluation.results.plaques import decide_plaques
    from evaluation.results.services import publish_results
    from evaluation.review.services import approve_remaining

    return {"approve_remaining": approve_remaining, "publish_results": publish_results, "decide_plaques": decide_plaques}


class Rollback(Exception):
    pass


def _actor():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="committee")


def _year(number):
    from evaluation.models import EvaluationYear

    return EvaluationYear.objects.get(year=number)


def published_year():
    from evaluation.models import EvaluationYear

    return EvaluationYear.objects.filter(phase="published").order_by("-year").first()


def run_move(name):
    """Time one move inside a transaction that is rolled back; the year is first put in the state the move needs."""
    from django.db import connection, transaction

    from benchmarks.measure import counting
    from evaluation.models import EvaluationYear, Result

    function, kwargs = JOBS[name]
    move = _moves()[function]
    actor = _actor()
    out = {}
    try:
        with transaction.atomic():
            if name == "approve":
                year = EvaluationYear.objects.exclude(phase__in=["published", "closed"]).order_by("-year").first()
                if year.phase == "assessment":
                    from evaluation.years.services import start_review

                    year = start_review(actor, year=year)
            else:
                year = published_year()
                if name == "publish":
                    # Back to the end of the review, every result approved: what publishing starts from.
                    EvaluationYear.objects.filter(pk=year.pk).update(phase="review")
                    year.results.update(status=Result.Status.APPROVED)
                    year.refresh_from_db()
            out["results"] = year.results.count()
            out["year"] = year.year
            counter, wrapper = counting()
            started, cpu = time.perf_counter(), time.process_time()
            with connection.execute_wrapper(wrapper):
                move(actor, year=year, **kwargs)
            out.update(seconds=time.perf_counter() - started, cpu_seconds=time.process_time() - cpu, queries=counter["n"])
            raise Rollback
    except Rollback:
        pass
    return out


def python_scores(year):
    """The project's own path, the one approving and publishing take: `year_outcomes` (flat inputs, then `scoring.compute`)."""
    from evaluation.results.explanation import year_outcomes

    return {row.pk: (outcome.final, outcome.grade) for row, outcome in year_outcomes(year)}


SQL = """
WITH y AS (SELECT * FROM evaluation_evaluationyear WHERE id = %(year)s),
r AS (SELECT * FROM evaluation_result WHERE year_id = %(year)s),
votes AS (
    SELECT window_id, count(*) AS n,
           round(avg(CASE rating WHEN 'very_satisfied' THEN 100 WHEN 'satisfied' THEN 85 WHEN 'basic' THEN 60 ELSE 0 END), 2) AS avg
    FROM evaluation_ballot WHERE year_id = %(year)s GROUP BY window_id),
peers AS (
    SELECT rated_id, count(*) AS n,
           round(avg(CASE level WHEN 'excellent' THEN 100 WHEN 'competent' THEN 85 WHEN 'basic' THEN 70 ELSE 40 END), 2) AS avg
    FROM evaluation_peerrating WHERE year_id = %(year)s GROUP BY rated_id),
upheld AS (SELECT window_id, member_id, serious FROM posts_feedback
           WHERE kind = 'complaint' AND upheld AND created_at >= %(start)s AND created_at < %(end)s),
wc AS (SELECT window_id, count(*) AS n, count(*) FILTER (WHERE serious) AS s FROM upheld GROUP BY window_id),
mc AS (SELECT member_id, count(*) AS n, count(*) FILTER (WHERE serious) AS s FROM upheld WHERE member_id IS NOT NULL GROUP BY member_id),
crit AS (SELECT cs.result_id, sum(cs.score) AS total FROM evaluation_criterionscore cs JOIN r ON r.id = cs.result_id GROUP BY cs.result_id),
mr AS (SELECT r.id, r.window_id, r.self_score, CASE WHEN p.n >= y.min_peer_ratings THEN p.avg END AS peer
       FROM r CROSS JOIN y LEFT JOIN peers p ON p.rated_id = r.member_id WHERE r.kind = 'member'),
wm AS (SELECT window_id, round(avg(self_score), 2) AS self, round(avg(peer), 2) AS peer FROM mr WHERE window_id IS NOT NULL GROUP BY window_id),
src AS (
    SELECT r.id,
           CASE WHEN r.kind = 'member' THEN r.self_score ELSE wm.self END AS s_self,
           CASE WHEN r.kind = 'member' THEN mr.peer ELSE wm.peer END AS s_peer,
           CASE WHEN v.n >= y.min_votes THEN v.avg END AS s_public,
           CASE WHEN r.kind = 'member' THEN r.organisation_score ELSE crit.total END AS s_org,
           r.committee_score AS s_com,
           COALESCE(CASE WHEN r.kind = 'member' THEN mc.n ELSE wc.n END, 0) AS n_upheld,
           COALESCE(CASE WHEN r.kind = 'member' THEN mc.s ELSE wc.s END, 0) AS n_serious,
           r.adjustment
    FROM r CROSS JOIN y
    LEFT JOIN mr ON mr.id = r.id
    LEFT JOIN wm ON wm.window_id = r.window_id AND r.kind = 'window'
    LEFT JOIN votes v ON v.window_id = r.window_id
    LEFT JOIN crit ON crit.result_id = r.id
    LEFT JOIN wc ON wc.window_id = r.window_id
    LEFT JOIN mc ON mc.member_id = r.member_id),
w AS (
    SELECT src.*,
           (CASE WHEN s_self IS NULL THEN 0 ELSE y.weight_self END + CASE WHEN s_peer IS NULL THEN 0 ELSE y.weight_peer END
            + CASE WHEN s_public IS NULL THEN 0 ELSE y.weight_public END + CASE WHEN s_org IS NULL THEN 0 ELSE y.weight_organisation END
            + CASE WHEN s_com IS NULL THEN 0 ELSE y.weight_committee END)::numeric AS pw,
           COALESCE(s_self * y.weight_self, 0) + COALESCE(s_peer * y.weight_peer, 0) + COALESCE(s_public * y.weight_public, 0)
            + COALESCE(s_org * y.weight_organisation, 0) + COALESCE(s_com * y.weight_committee, 0) AS wsum
    FROM src CROSS JOIN y),
f AS (
    SELECT w.id, w.n_serious,
           round(LEAST(GREATEST(CASE WHEN pw = 0 THEN 0 ELSE round(wsum / pw, 2) END
                                - round(y.deduction_per_complaint * n_upheld, 2) + round(adjustment, 2), 0), 100), 2) AS final
    FROM w CROSS JOIN y)
SELECT f.id, f.final,
       CASE WHEN y.veto_on_serious_complaint AND f.n_serious > 0 THEN 'fail'
            WHEN f.final >= y.excellent_min THEN 'excellent' WHEN f.final >= y.good_min THEN 'good'
            WHEN f.final >= y.pass_min THEN 'pass' ELSE 'fail' END AS grade
FROM f CROSS JOIN y
"""


def sql_scores(year):
    from django.db import connection
    from django.utils import timezone

    start = timezone.make_aware(datetime.datetime(year.year, 1, 1))
    end = timezone.make_aware(datetime.datetime(year.year + 1, 1, 1))
    with connection.cursor() as cursor:
        cursor.execute(SQL, {"year": year.pk, "start": start, "end": end})
        return {pk: (Decimal(final), grade) for pk, final, grade in cursor.fetchall()}


def compute():
    """Median wall time of RUNS runs of each path over the published year, and whether they agree to the cent."""
    year = published_year()
    py_times, sql_times = [], []
    for _run in range(RUNS):
        started = time.perf_counter()
        py = python_scores(year)
        py_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        sq = sql_scores(year)
        sql_times.append(time.perf_counter() - started)
    mismatched = [pk for pk in py if sq.get(pk) != py[pk]]
    return {"year": year.year, "results": len(py), "python_s": statistics.median(py_times), "sql_s": statistics.median(sql_times),
            "mismatched": len(mismatched) + len(set(sq) - set(py)), "examples": [(pk, str(py[pk]), str(sq.get(pk))) for pk in mismatched[:3]]}


if __name__ == "__main__":
    sys.path.insert(0, os.getcwd())
    import django

    django.setup()
    from django.utils import translation

    translation.activate("zh-hans")
    figure = sys.argv[1]
    print(json.dumps(compute() if figure == "compute" else run_move(figure), default=str))
