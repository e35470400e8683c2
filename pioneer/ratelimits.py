"""Per-address rate limits for the public forms, named and configured in settings.RATELIMITS.

Each name maps to a django-ratelimit rate such as "50/10m". `rate(name)` is a callable for the
decorator's `rate=`, read at request time so settings (and tests) can change it; `exceeded` and
`count_failure` limit an event the view decides on itself, such as a refused vote card.
"""

from django.conf import settings
from django_ratelimit.core import get_usage

# Why each default is what it is: see the README's rate-limit table.
DEFAULTS = {
    # Every vote POST from one address. Loose: a service hall's citizens share one address, and
    # 2,000 of them voting within the hour must all get through. Valid cards are single-use anyway.
    "vote": "3000/h",
    # Refused card codes from one address. Tight: guessing 80-bit codes is the threat; a hall where one
    # voter in forty mistypes a code still fits.
    "vote_failed": "50/10m",
    # Feedback, opinions on an answer and tracking-code look-ups from one address.
    "feedback": "120/h",
    "feedback_rating": "120/h",
    "feedback_lookup": "300/h",
    # Objections to a publication, and looking up the answer by tracking code.
    "objection": "60/h",
    "objection_lookup": "20/m",
}


def limits() -> dict[str, str]:
    return {**DEFAULTS, **getattr(settings, "RATELIMITS", {})}


def rate(name: str):
    """A `rate=` callable for django-ratelimit's decorator that reads RATELIMITS[name] per request."""
    if name not in DEFAULTS:
        raise KeyError(f"Unknown rate limit {name!r}; add it to pioneer.ratelimits.DEFAULTS.")

    def current(group, request):
        return limits()[name]

    current.__name__ = f"rate_{name}"
    return current


def _usage(request, name: str, *, increment: bool):
    return get_usage(request, group=f"pioneer.{name}", key="ip", rate=limits()[name], increment=increment)


def exceeded(request, name: str) -> bool:
    """Has this address used up the limit `name`? Looks only; counts nothing."""
    usage = _usage(request, name, increment=False)
    if usage is None:  # rate limits switched off (RATELIMIT_ENABLE = False)
        return False
    return usage["limit"] == 0 or usage["count"] >= usage["limit"]


def count_failure(request, name: str) -> None:
    """Count one event (a refused card, say) against this address's limit `name`."""
    _usage(request, name, increment=True)
