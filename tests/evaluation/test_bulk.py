"""`bulk`: many rows in the same few statements (each value as the field would save it, others untouched), the collector held."""

import datetime
import gc
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from evaluation import bulk
from evaluation.models import Phase, Result

# SQLite: one UPDATE from a JSON array; PostgreSQL: a temporary table, the COPY into it, one UPDATE from it.
STATEMENTS = 3 if connection.vendor == "postgresql" else 1


def test_it_sets_every_kind_of_value_on_the_rows_named_and_no_other(make_year, window_a, window_b, committee_staff):
    year = make_year(Phase.REVIEW)
    first, second, *others = list(year.results.order_by("pk"))
    untouched = {r.pk: (r.final_score, r.grade, r.snapshot) for r in others}
    when = datetime.datetime(2026, 12, 30, 8, 15, 30, 123456, tzinfo=datetime.UTC)
    snapshot = {"outcome": {"final": "91.25", "lines": [1, None, "二", True]}, "subject": "窗口“甲”\t\\N\n\\"}
    seen = []
    with CaptureQueriesContext(connection) as ctx:
        bulk.update_rows(
            Result,
            ["final_score", "grade", "snapshot", "approved_by", "approved_at", "committee_score"],
            [
                (first.pk, Decimal("91.25"), "excellent", snapshot, committee_staff.pk, when, None),
                (second.pk, Decimal("0.05"), "fail", None, None, None, Decimal("100.00")),
            ],
            progress=lambda done, total: seen.append((done, total)),
        )
    assert len(ctx.captured_queries) == STATEMENTS
    assert seen == [(0, 2), (2, 2)]
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.final_score, first.grade, first.snapshot, first.approved_by, first.approved_at, first.committee_score) == (
        Decimal("91.25"),
        "excellent",
        snapshot,
        committee_staff,
        when,
        None,
    )
    assert (
        second.final_score,
        second.grade,
        second.snapshot,
        second.approved_by,
        second.approved_at,
        second.committee_score,
    ) == (Decimal("0.05"), "fail", None, None, None, Decimal("100.00"))
    assert {r.pk: (r.final_score, r.grade, r.snapshot) for r in year.results.exclude(pk__in=[first.pk, second.pk])} == untouched


def test_no_rows_is_the_same_statements_and_changes_nothing(make_year, window_a):
    year = make_year(Phase.REVIEW)
    before = list(year.results.values_list("pk", "final_score", "grade"))
    with CaptureQueriesContext(connection) as ctx:
        bulk.update_rows(Result, ["final_score", "grade"], [])
    assert len(ctx.captured_queries) == STATEMENTS
    assert list(year.results.values_list("pk", "final_score", "grade")) == before


def test_the_values_are_data_never_sql(make_year, window_a):
    year = make_year(Phase.REVIEW)
    result = year.results.first()
    # Quotes, COPY's separators and escapes, SQL: all stored as given.
    hostile = "x'); DELETE FROM evaluation_result; --\t\\N\n\\\r\\t end"
    bulk.update_rows(Result, ["adjustment_reason"], [(result.pk, hostile)])
    assert Result.objects.get(pk=result.pk).adjustment_reason == hostile
    assert year.results.count() > 1


def test_the_collector_is_held_while_computing_and_left_as_it_was():
    assert gc.isenabled()
    with pytest.raises(RuntimeError), bulk.gc_paused():
        assert not gc.isenabled()
        raise RuntimeError("a failed computation")
    assert gc.isenabled()
    gc.disable()
    try:
        with bulk.gc_paused():
            pass
        assert not gc.isenabled()  # a caller that had it off keeps it off
    finally:
        gc.enable()
