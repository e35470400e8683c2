"""Year-end writes at a city's size: chunked, JIT kept out, progress reported per chunk.

A city holds tens of thousands of results. One `bulk_update` of all of them is one giant `UPDATE … CASE`
that PostgreSQL's JIT compiles for longer than anyone waits; 500 rows a statement is quick, and the number
of statements grows with the rows while the number of *reads* stays fixed.
"""

from collections.abc import Callable, Iterable, Sequence

from django.conf import settings
from django.db import connection, transaction
from django.utils import translation

CHUNK = 500

Progress = Callable[[int, int], None] | None


def keep_jit_out() -> None:
    """Turn PostgreSQL's JIT off for the rest of the current transaction (a no-op elsewhere)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")


def chunks(rows: Sequence, size: int = CHUNK) -> Iterable[Sequence]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def report(progress: Progress, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def _stored(obj, field):
    # The loaded value, not what the attribute shows: a stored message's text column, not its rendering (pioneer.words).
    return obj.__dict__[field.attname] if field.attname in obj.__dict__ else getattr(obj, field.attname)


def _update_from_values(model, chunk: Sequence, fields: list[str]) -> None:
    """PostgreSQL: one `UPDATE … FROM (VALUES …)`, a hash join, where `bulk_update`'s CASE tests every row against every id."""
    meta = model._meta
    columns = [meta.get_field(name) for name in fields]
    pk = meta.pk
    qn = connection.ops.quote_name
    casts = [pk.db_type(connection)] + [f.db_type(connection) for f in columns]
    row_sql = "(" + ", ".join(f"%s::{cast}" for cast in casts) + ")"
    params = []
    for obj in chunk:
        params.append(pk.get_db_prep_value(obj.pk, connection))
        params += [f.get_db_prep_save(_stored(obj, f), connection) for f in columns]
    names = ", ".join(qn(f.column) for f in columns)
    sets = ", ".join(f"{qn(f.column)} = v.{qn(f.column)}" for f in columns)
    sql = (f"UPDATE {qn(meta.db_table)} AS t SET {sets} FROM (VALUES {', '.join([row_sql] * len(chunk))}) "
           f"AS v({qn(pk.column)}, {names}) WHERE t.{qn(pk.column)} = v.{qn(pk.column)}")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def update_in_chunks(model, rows: Sequence, fields: list[str], progress: Progress = None) -> None:
    """Update 500 rows a statement, telling `progress(done, total)` after each one."""
    total = len(rows)
    done = 0
    report(progress, 0, total)
    for chunk in chunks(rows):
        if connection.vendor == "postgresql":
            _update_from_values(model, chunk, fields)
        else:
            # bulk_update reads each field as the instance shows it: a stored message's text column renders, in
            # the site's language, as the snapshot it keeps (pioneer.words).
            with translation.override(settings.LANGUAGE_CODE):
                model.objects.bulk_update(chunk, fields)
        done += len(chunk)
        report(progress, done, total)


def create_in_chunks(model, rows: Sequence, progress: Progress = None) -> list:
    total = len(rows)
    created = []
    for chunk in chunks(rows):
        created += model.objects.bulk_create(chunk)
        report(progress, len(created), total)
    return created


def notify_after_commit(recipient_ids_and_texts: list[tuple[int, object, str]]) -> None:
    """In-app notifications (recipient id, text, link), written in chunks once the decision is committed.

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
        transaction.on_commit(lambda: Notification.objects.bulk_create(rows, batch_size=CHUNK))
