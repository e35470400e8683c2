"""Version counters for cached public pages: a key names the version, so a change makes new keys instead of deleting old ones.

A counter lives in the shared cache (Redis in production). Writers bump it when they write and again after
their transaction commits, so no reader keeps a page cached from before the commit under the version after
it. Old entries are never read again and expire by themselves.
"""

import time

from django.core.cache import cache
from django.db import transaction
from django.utils import translation

# Cached public fragments expire after this even without a bump: a backstop for writes that send no signal
# (QuerySet.update()), so no page stays wrong for longer than this.
TIMEOUT = 15 * 60


def counter(name: str) -> str:
    """The cache key of a counter (pioneer.pagecache reads several in one round trip)."""
    return f"version:{name}"


def _fresh() -> int:
    """A counter's first value: the clock in nanoseconds, so a counter lost with the cache (a restart, a flush)
    never comes back at a value it had before, which a process's copy of a page (pioneer.pagecache) may still hold."""
    return time.time_ns()


def version(name: str = "public") -> int:
    """The counter's current value; it starts afresh (`_fresh`) when the cache holds none."""
    value = cache.get(counter(name))
    if value is None:
        # add() keeps a value another process set meanwhile.
        fresh = _fresh()
        cache.add(counter(name), fresh, timeout=None)
        value = cache.get(counter(name), fresh)
    return value


def bump_now(name: str = "public") -> None:
    try:
        cache.incr(counter(name))
    except ValueError:  # no counter yet: a fresh value differs from any a reader saw before
        cache.add(counter(name), _fresh(), timeout=None)


def bump(name: str = "public") -> None:
    """Move the counter on now and again once the current transaction commits.

    The bump after the commit is the one that counts: a page a reader cached between the two shows the data
    before the commit, under a version that the second bump leaves behind. The first keeps a writer's own
    reads inside its transaction (and tests, which never commit) from getting the page as it was.
    """
    bump_now(name)
    transaction.on_commit(lambda: bump_now(name))


def key(*parts) -> str:
    """A fragment's cache key: the parts given (include each version it depends on) and the active language."""
    return ":".join(["public", translation.get_language() or "", *(str(p) for p in parts)])
