"""Requests whose address and time must never reach a log: the vote, and the load balancer's health checks.

An access-log line pairs an address and a time with each `POST /vote/`; with ballots stored one by
one, the two together could link a ballot to a voter. The health check is only noise. Imported by
gunicorn's logger before Django is set up, so it needs nothing from Django.
"""

import logging

UNLOGGED_PATHS = ("/vote/", "/healthz")


def is_unlogged(path: str) -> bool:
    path = (path or "").split("?", 1)[0]
    return any(path == prefix or path.startswith(prefix.rstrip("/") + "/") for prefix in UNLOGGED_PATHS)


def _record_path(record: logging.LogRecord) -> str:
    """The request path of a Django request record, or the path in runserver's "POST /vote/ HTTP/1.1" line."""
    request = getattr(record, "request", None)
    path = getattr(request, "path", None)
    if isinstance(path, str):
        return path
    for arg in record.args if isinstance(record.args, tuple) else ():
        parts = str(arg).split()
        if len(parts) >= 2 and parts[1].startswith("/"):
            return parts[1]
    return ""


class DropUnloggedPaths(logging.Filter):
    """Logging filter for Django's handlers: drop every record about a request to an unlogged path."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not is_unlogged(_record_path(record))
