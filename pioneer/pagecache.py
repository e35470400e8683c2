"""Whole public pages for visitors without a session, from the shared cache.

A visitor with no session and no pending message sees exactly what every other such visitor sees, except
two values that must differ per response: the CSRF token of the language form (and of any other form on the
page) and the CSP nonce. The page is stored with markers in their place, and each response fills them in:
so a hit reads no data, renders no template, and still gives every visitor a token and a nonce of their own.

An entry remembers the version counters (pioneer.cachekeys) it was rendered under and the values they had
before the page read its data; a hit checks them in one round trip, so a write that bumps a counter makes the
next request render afresh. Each process also keeps the entries it served last in memory, so a hit reads only
the counters from the shared cache: the memory is a copy, never the authority, and every server sees a bump
at its next request. Signed-in visitors, visitors with a session or a message waiting, other methods
and query parameters the page does not know always take the normal path.
"""

import hashlib
import re
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token

from pioneer import cachekeys

CSRF_MARK = "\x00csrf\x00"
NONCE_MARK = "\x00nonce\x00"
# Django's cookie message storage keeps messages for a visitor without a session under this name.
MESSAGES_COOKIE = "messages"
MAX_PARAM = 100
_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')
# This process's copies of entries, by key; emptied when full (pages are a few dozen KB each).
LOCAL_ENTRIES = 200
_local: dict[str, tuple[dict[str, int], str]] = {}


def eligible(request, params: tuple[str, ...] = ()) -> bool:
    """Whether this request may be answered with the page every anonymous visitor gets."""
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or MESSAGES_COOKIE in request.COOKIES:
        return False
    for name, values in request.GET.lists():
        if name not in params or len(values) != 1 or len(values[0]) > MAX_PARAM:
            return False
    return True


def answer(request, params: tuple[str, ...], render) -> HttpResponse:
    """The stored page when this request may have it and it is current; else `render()` and keep its page.

    `render()` returns the response and the versions it read before its data: {counter name: value}.
    """
    whole = eligible(request, params)
    if whole and (page := serve(request)) is not None:
        return page
    response, versions = render()
    if whole:
        store(request, response, versions)
    return response


def _key(request) -> str:
    # The language is part of cachekeys.key; the parameters are sorted so their order makes no second entry, and
    # hashed with the path, so a visitor's search text never reaches the cache's key as it was typed.
    address = request.path + "?" + urlencode(sorted(request.GET.items()))
    return cachekeys.key("page", hashlib.sha256(address.encode()).hexdigest())


def serve(request) -> HttpResponse | None:
    """The stored page with this visitor's token and nonce, or None when there is none or its data changed."""
    key = _key(request)
    entry = _local.get(key)
    if entry is None or not _current(entry):
        entry = cache.get(key)
        if entry is None or not _current(entry):
            return None
        _remember(key, entry)
    html = entry[1]
    if CSRF_MARK in html:
        html = html.replace(CSRF_MARK, get_token(request))
    if NONCE_MARK in html:
        html = html.replace(NONCE_MARK, str(request.csp_nonce))
    return HttpResponse(html)


def _current(entry) -> bool:
    """Whether every counter the entry was rendered under still has its value: one round trip."""
    versions = entry[0]
    counters = [cachekeys.counter(name) for name in versions]
    found = cache.get_many(counters)
    return all(found.get(counter) == value for counter, value in zip(counters, versions.values(), strict=True))


def _remember(key: str, entry) -> None:
    if len(_local) >= LOCAL_ENTRIES:
        _local.clear()
    _local[key] = entry


def forget_local() -> None:
    """Drop this process's copies (a test starting on an empty cache)."""
    _local.clear()


def store(request, response, versions: dict[str, int]) -> None:
    """Keep a freshly rendered 200 page once it is rendered, with markers for the per-response values."""
    if response.status_code != 200 or not versions:
        return

    def keep(rendered):
        html = rendered.content.decode(rendered.charset)
        for token in set(_TOKEN.findall(html)):
            html = html.replace(token, CSRF_MARK)
        nonce = getattr(request, "_csp_nonce", None)
        if isinstance(nonce, str):
            html = html.replace(nonce, NONCE_MARK)
        entry = (dict(versions), html)
        cache.set(_key(request), entry, cachekeys.TIMEOUT)
        _remember(_key(request), entry)

    if hasattr(response, "add_post_render_callback"):
        response.add_post_render_callback(keep)
    else:
        keep(response)
