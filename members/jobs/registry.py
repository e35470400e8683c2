"""The kinds of job the product knows: each app registers its own from `AppConfig.ready()`.

The floor never imports posts or evaluation; they come to it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class JobLink:
    """Where the job page sends its reader next: the job view reverses the URL (job code never does)."""

    label: object
    url_name: str
    query: dict = field(default_factory=dict)
    # The page's script goes there by itself as soon as the job is done (an import's preview).
    follow: bool = False
    # The URL's arguments (a year's pages are /evaluation/<year>/…).
    args: tuple = ()


@dataclass(frozen=True)
class JobKind:
    code: str
    func: Callable
    title: object  # a lazy translation: shown in the reader's language
    # link(job) -> JobLink | None: the page to go to once the job is done (or failed).
    link: Callable | None = None
    # summary(job) -> [(label, value)]: the outcome as the job page lists it; without one, result_data as is.
    summary: Callable | None = None


_KINDS: dict[str, JobKind] = {}


def register_job(kind: str, func: Callable, *, title, link: Callable | None = None, summary: Callable | None = None) -> None:
    """Make `kind` startable; `func(job, progress, **params)` does the work.

    The func must be idempotent or transactional, because a job whose worker died is run again
    from the start: either do everything in one `transaction.atomic()` (and call `progress` only
    outside it, since progress written inside is invisible until the commit), or write in steps
    that a second run recognises and skips (a unique key, a state checked under a lock).

    Call `progress(done, total)` as work goes (cheap: at most one write a second) and at least
    every JOB_STALE_SECONDS, or the job is taken for dead. Raise `Refusal` (or `JobRefusal`, whose
    message is translated for each reader) to fail with a message. Return None, a dict of result
    data (counts), or an `Outcome` with a file.

    `link(job)` may return a `JobLink`: the job page's button once the job is finished (followed by the
    page's script when `follow` is set); `summary(job)` the outcome as (label, value) pairs.
    """
    _KINDS[kind] = JobKind(kind, func, title, link, summary)


def get_kind(kind: str) -> JobKind | None:
    return _KINDS.get(kind)


def kinds() -> list[JobKind]:
    return list(_KINDS.values())
