"""The machinery of the permission matrix: every URL of the resolver, what a row says, and "did anything change?".

A row of the table (see `permission_table*.py`) is a `Case`: how to build the URL's kwargs from the
`world` fixture, the status each role gets on GET, and on POST when the URL takes writes. Statuses
are written as one string, in the order of `ROLES`:

    "L 403 200 404 200 200 200"

- a number is the status code; `L` is a 302 whose Location is the login page; a plain `302` must go
  anywhere *but* the login page;
- on POST, a trailing `*` marks the roles whose write goes through: every other role's POST must
  leave the database and the uploaded files exactly as they were, and so must every GET.
"""

import functools
import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.files.storage import storages
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver

ROLES = ("anonymous", "member", "secretary", "other_secretary", "unit_secretary", "committee_staff", "admin")

# Names the matrix leaves out, and why. Everything else the resolver knows must have a row.
EXCLUDED_NAMESPACES = {
    "admin",  # Django's admin: its own staff-only permission system, tested in tests/*/test_admin.py
}
EXCLUDED_NAMES = {
    "set_language",  # Django's i18n view: sets a language cookie for anyone, touches no data
}
EXCLUDED_VIEWS = {
    "django.views.static.serve",  # static/media serving in development only (static() adds nothing when DEBUG is off)
}


def url_names(resolver=None, namespace=""):
    """Every named URL pattern under the resolver, namespaces included, as 'ns:sub:name'."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            if ns in EXCLUDED_NAMESPACES and not namespace:
                continue
            yield from url_names(pattern, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(pattern, URLPattern):
            if pattern.lookup_str in EXCLUDED_VIEWS:
                continue
            name = f"{namespace}{pattern.name}" if pattern.name else f"{namespace}<unnamed {pattern.pattern}>"
            if name not in EXCLUDED_NAMES:
                yield name


@dataclass(frozen=True)
class Expect:
    status: int
    to_login: bool = False
    writes: bool = False

    def __str__(self):
        return ("L" if self.to_login else str(self.status)) + ("*" if self.writes else "")


def parse(row: str) -> tuple[Expect, ...]:
    cells = row.split()
    assert len(cells) == len(ROLES), f"{row!r}: one status per role ({len(ROLES)})"
    parsed = []
    for cell in cells:
        match = re.fullmatch(r"(L|\d{3})(\*?)", cell)
        assert match, f"{cell!r} in {row!r}"
        code, star = match.groups()
        parsed.append(Expect(302, to_login=True) if code == "L" else Expect(int(code), writes=bool(star)))
    return tuple(parsed)


def no_kwargs(w):
    return {}


def no_data(w):
    return {}


@dataclass(frozen=True)
class Case:
    get: str
    post: str | None = None  # None: the URL takes no writes; every role's POST is checked against READ_ONLY_POST
    kwargs: Callable = no_kwargs
    data: Callable = no_data
    query: str = ""
    label: str = ""
    get_writes: bool = False  # a GET that is allowed to write (say why in the row's comment)


def case(get, post=None, kwargs=no_kwargs, data=no_data, **extra):
    return Case(get=get, post=post, kwargs=kwargs, data=data, **extra)


# --- "did anything change?" ---------------------------------------------------------------------------------------

WATCHED_APPS = {"members", "posts", "evaluation", "auth", "admin"}
# Tables that change on every request or login, not because of the request's meaning.
IGNORED_MODELS = {"auth.Permission", "sessions.Session"}


@functools.cache
def _watched_tables():
    return sorted({
        m._meta.db_table for m in apps.get_models(include_auto_created=True)
        if m._meta.app_label in WATCHED_APPS and m._meta.label not in IGNORED_MODELS and not m._meta.proxy
    })


def _files_under(root):
    found = []
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            found.append((os.path.relpath(path, root), os.path.getsize(path)))
    return sorted(found)


def snapshot():
    """Every row of every product table and every stored upload, reduced to one comparable value per table.

    Raw SQL on purpose: the matrix takes two snapshots per request, and the ORM would triple its run time.
    """
    state = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in _watched_tables():
            cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 - table names come from the models
            rows = sorted(map(repr, cursor.fetchall()))
            state[table] = (len(rows), hashlib.sha1("\n".join(rows).encode()).hexdigest())
    roots = {settings.MEDIA_ROOT, *(getattr(storages[alias], "location", None) for alias in settings.STORAGES if alias != "staticfiles")}
    for root in filter(None, roots):
        state[f"files:{root}"] = _files_under(root)
    return state


def changed(before, after):
    return sorted(key for key in before.keys() | after.keys() if before.get(key) != after.get(key))
