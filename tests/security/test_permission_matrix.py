"""Every URL the resolver knows × every role of the cast: the exact status, and no refused write changes anything.

The parameters come from the resolver, not from the table: a new URL without a row in
`permission_table.TABLE` fails here until someone decides who may reach it. How to read and
add a row: see tests/security/matrix.py and the top of permission_table.py.
"""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from tests.security.matrix import ROLES, changed, parse, snapshot, url_names
from tests.security.permission_table import TABLE

URL_NAMES = sorted(set(url_names()))

# A URL that takes no writes may answer a POST only with a refusal, and never writes.
READ_ONLY_POST = {302, 403, 404, 405}


def test_the_table_has_no_row_for_a_url_that_does_not_exist():
    assert sorted(set(TABLE) - set(URL_NAMES)) == []


def _request(client, user, method, url, data):
    client.logout()
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    cache.clear()  # rate limits: every role starts with none used
    before = snapshot()
    response = getattr(client, method)(url, data) if method == "post" else client.get(url)
    return response, changed(before, snapshot())


def _check(response, expect, touched, *, may_write):
    """What is wrong with this answer, or None."""
    location = response.get("Location", "")
    login = reverse("login")
    if response.status_code != expect.status:
        return f"{response.status_code} {location}".strip()
    if expect.status == 302 and expect.to_login != location.startswith(login):
        return f"302 to {location}"
    if touched and not may_write:
        return f"{response.status_code} but changed {', '.join(touched)}"
    if expect.writes and not touched:
        return f"{response.status_code} but wrote nothing"
    return None


@pytest.mark.parametrize("name", URL_NAMES)
def test_every_role_gets_exactly_its_answer(name, world, cast, client):
    assert name in TABLE, f"{name} has no row in tests/security/permission_table.py: decide who may reach it and add one"
    failures = []
    for case in TABLE[name]:
        url = reverse(name, kwargs=case.kwargs(world)) + case.query
        for method, row in (("get", case.get), ("post", case.post)):
            expected = parse(row) if row else [None] * len(ROLES)
            for role, expect in zip(ROLES, expected, strict=True):
                # Each request sees the same world: whatever an allowed write did is rolled back.
                with transaction.atomic():
                    response, touched = _request(client, cast[role], method, url, case.data(world) if method == "post" else None)
                    transaction.set_rollback(True)
                if expect is None:
                    if response.status_code not in READ_ONLY_POST or touched:
                        failures.append(f"POST {url} as {role}: a read-only URL answered {response.status_code}, changed {touched}")
                    continue
                problem = _check(response, expect, touched, may_write=expect.writes or (method == "get" and case.get_writes))
                if problem:
                    failures.append(f"{method.upper()} {url} as {role}: expected {expect}, got {problem}")
    assert not failures, "\n".join(failures)
