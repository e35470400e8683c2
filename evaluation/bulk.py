"""Year-end writes at a city's size: a fixed number of statements whatever the number of rows, JIT kept out.

A city holds tens of thousands of results. `bulk_update` writes them as `UPDATE … CASE WHEN id = … THEN …`,
which tests every row against every id and whose giant expression PostgreSQL's JIT compiles for longer than
anyone waits; 500 rows a statement made it quick, but the number of statements grew with the rows.
`update_rows` sends the rows without a statement that grows: on PostgreSQL they stream by COPY into a
temporary table, joined on the key by one UPDATE (three statements, each small, for a district as for a
province); on SQLite (district-size) one JSON array read by `json_each`.
"""

import datetime
import gc
import io
import itertools
import json
import uuid
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from decimal import Decimal
from functools import partial

from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction

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


def _column(field, values, conn) -> list:
    """`values` as `field` would save them; a value repeated down the column (a score, a status, now) prepared once."""
    prepared, out = {}, []
    for value in values:
        key = (value.__class__, value)
        try:
            ready = prepared[key]
        except KeyError:
            ready = prepared[key] = field.get_db_prep_save(value, conn)
        except TypeError:  # unhashable (a snapshot): prepared each time
            ready = field.get_db_prep_save(value, conn)
        out.append(ready)
    return out


def update_rows(model, fields: list[str], rows: Sequence[Sequence], progress: Progress = None) -> None:
    """Set `fields` on many rows of `model`; each row is (pk, *values in the order of `fields`).

    The values are prepared as the fields would save them (`get_db_prep_save`) and sent as data, never
    formatted into the SQL. The same statements even for no rows, so the count never depends on the data.
    `progress(done, total)` is told before and after.
    """
    conn = connections[DEFAULT_DB_ALIAS]  # the connection itself: the proxy looks it up on every attribute
    meta = model._meta
    targets = [meta.pk] + [meta.get_field(name) for name in fields]
    total = len(rows)
    report(progress, 0, total)
    given = list(zip(*rows, strict=True)) if rows else [() for _f in targets]
    columns = [[meta.pk.get_db_prep_save(pk, conn) for pk in given[0]]]
    columns += [_column(f, values, conn) for f, values in zip(targets[1:], given[1:], strict=True)]
    with transaction.atomic(using=conn.alias, savepoint=False):  # the temporary table lives until the commit
        if conn.vendor == "postgresql":
            _update_by_copy(conn, meta.db_table, targets, columns)
        else:
            _update_by_json(conn, meta.db_table, targets, columns)
    report(progress, total, total)


_COPIES = itertools.count(1)


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _copy_text(value) -> str:
    """A prepared value in COPY's text format."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, int | Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, str):
        return _escaped(value)
    if hasattr(value, "adapted") and hasattr(value, "dumps"):  # psycopg2's Json adapter (JSONField)
        return _escaped(value.dumps(value.adapted))
    raise TypeError(f"update_rows cannot copy a {type(value).__name__}")


def _update_by_copy(conn, table: str, targets: list, columns: list[list]) -> None:
    """PostgreSQL: the rows streamed by COPY into a temporary table, then one UPDATE … FROM it (a hash join)."""
    qn = conn.ops.quote_name
    temp = qn(f"bulk_{next(_COPIES)}_{table}"[:63])
    names = [qn(f.column) for f in targets]
    data = io.StringIO("".join("\t".join(map(_copy_text, row)) + "\n" for row in zip(*columns, strict=True)))
    with conn.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE {temp} ({', '.join(f'{n} {f.db_type(conn)}' for n, f in zip(names, targets, strict=True))}) "
                       "ON COMMIT DROP")
        copy = f"COPY {temp} ({', '.join(names)}) FROM STDIN"
        # Through the connection's execute wrappers, as execute() is: whoever counts statements counts this one.
        run = partial(_copy_with, data)
        for wrapper in reversed(conn.execute_wrappers):
            run = partial(wrapper, run)
        run(copy, None, False, {"connection": conn, "cursor": cursor})
        sets = ", ".join(f"{n} = v.{n}" for n in names[1:])
        cursor.execute(f"UPDATE {qn(table)} AS t SET {sets} FROM {temp} AS v WHERE t.{names[0]} = v.{names[0]}")


def _copy_with(data, sql, params, many, context):
    with context["connection"].wrap_database_errors:
        return context["cursor"].copy_expert(sql, data)


def _update_by_json(conn, table: str, targets: list, columns: list[list]) -> None:
    """SQLite: one JSON array of rows read by `json_each`; each value as Django would have bound it (decimals as text)."""
    qn = conn.ops.quote_name
    names = [qn(f.column) for f in targets]
    picks = ", ".join(f"json_extract(value, '$[{i}]') AS {n}" for i, n in enumerate(names))
    sets = ", ".join(f"{n} = v.{n}" for n in names[1:])
    with conn.cursor() as cursor:
        cursor.execute(f"UPDATE {qn(table)} AS t SET {sets} FROM (SELECT {picks} FROM json_each(%s)) AS v "
                       f"WHERE t.{names[0]} = v.{names[0]}", [json.dumps(list(zip(*columns, strict=True)), default=str)])


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
