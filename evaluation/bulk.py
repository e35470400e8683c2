"""Year-end writes at a city's size: one statement per table whatever the number of rows, JIT kept out.

A city holds tens of thousands of results. `bulk_update` writes them as `UPDATE … CASE WHEN id = … THEN …`,
which tests every row against every id and whose giant expression PostgreSQL's JIT compiles for longer than
anyone waits; 500 rows a statement made it quick, but the number of statements grew with the rows.
`update_rows` sends the rows as one statement of a few parameters instead: on PostgreSQL one array per
column, unnested and joined on the key (what Django's own `bulk_create` does there); on SQLite one JSON
array read by `json_each`. Either is a single hash or index join, planned in no time, its size linear.
"""

import gc
import json
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager

from django.db import connection, transaction

CHUNK = 500

Progress = Callable[[int, int], None] | None


def keep_jit_out() -> None:
    """Turn PostgreSQL's JIT off for the rest of the current transaction (a no-op elsewhere)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")


@contextmanager
def gc_paused():
    """Hold Python's cyclic garbage collector while a year's results are computed in memory.

    Scoring a city keeps some hundred thousand small objects alive (rows, outcomes, snapshots) and makes
    no reference cycles; the collector would scan the growing heap again and again (a third to a half of
    the CPU). Memory is still freed by reference counting; the collector resumes, as it was, afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def chunks(rows: Sequence, size: int = CHUNK) -> Iterable[Sequence]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def report(progress: Progress, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def _update_sql(table: str, columns: list[str], sources: str) -> str:
    """`UPDATE table SET c = v.c, … FROM sources WHERE t.pk = v.pk`; `sources` yields a row `v` of `columns`."""
    qn = connection.ops.quote_name
    sets = ", ".join(f"{qn(c)} = v.{qn(c)}" for c in columns[1:])
    return f"UPDATE {qn(table)} AS t SET {sets} FROM {sources} WHERE t.{qn(columns[0])} = v.{qn(columns[0])}"


def update_rows(model, fields: list[str], rows: Sequence[Sequence], progress: Progress = None) -> None:
    """Set `fields` on many rows of `model` in one statement; each row is (pk, *values in the order of `fields`).

    The values are prepared as the fields would save them (`get_db_prep_save`) and passed as parameters,
    never formatted into the SQL. One statement even for no rows, so the count never depends on the data.
    `progress(done, total)` is told before and after.
    """
    meta = model._meta
    qn = connection.ops.quote_name
    targets = [meta.pk] + [meta.get_field(name) for name in fields]
    columns = [f.column for f in targets]
    total = len(rows)
    report(progress, 0, total)
    prepared = [[f.get_db_prep_save(value, connection) for f, value in zip(targets, row, strict=True)] for row in rows]
    if connection.vendor == "postgresql":
        # One array per column, of the column's base type (varchar, not varchar(16), as Django's bulk_create does).
        casts = [f.db_type(connection).split("(")[0] for f in targets]
        names = ", ".join(qn(c) for c in columns)
        sources = "UNNEST(" + ", ".join(f"(%s)::{cast}[]" for cast in casts) + f") AS v({names})"
        params = [list(column) for column in zip(*prepared, strict=True)] if prepared else [[] for _f in targets]
    else:
        # SQLite: one JSON array of rows; each value as Django would have bound it (decimals as text, as its adapter does).
        picks = ", ".join(f"json_extract(value, '$[{i}]') AS {qn(c)}" for i, c in enumerate(columns))
        sources = f"(SELECT {picks} FROM json_each(%s)) AS v"
        params = [json.dumps(prepared, default=str)]
    with connection.cursor() as cursor:
        cursor.execute(_update_sql(meta.db_table, columns, sources), params)
    report(progress, total, total)


def create_in_chunks(model, rows: Sequence, progress: Progress = None) -> list:
    total = len(rows)
    created = []
    for chunk in chunks(rows):
        created += model.objects.bulk_create(chunk)
        report(progress, len(created), total)
    return created


def notify_after_commit(recipient_ids_and_texts: list[tuple[int, object, str]]) -> None:
    """In-app notifications (recipient id, text, link), written in bulk once the decision is committed.

    The text is a `pioneer.words.Message`, so each recipient reads it in their own language (as `audit.notify`).
    A rolled-back decision notifies nobody, and a failed notification never rolls back a decision.
    """
    from members.models import Notification
    from pioneer.words import columns

    stored: dict = {}  # one text in many notifications: its columns worked out once
    rows = []
    for uid, text, url in recipient_ids_and_texts:
        if id(text) not in stored:
            stored[id(text)] = columns("text", text, max_length=500)
        rows.append(Notification(recipient_id=uid, **stored[id(text)], url=url))
    if rows:
        # One INSERT on PostgreSQL (Django unnests the rows there); SQLite's own limit batches it.
        transaction.on_commit(lambda: Notification.objects.bulk_create(rows))
