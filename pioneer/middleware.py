"""The project's middleware: sessions that end when idle, and addresses with a NUL character refused."""

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_vary_headers

from pioneer import security

SEEN_KEY = "_pioneer_seen"
# Saving the session on every request would write the database each time; once a minute is precise enough.
TOUCH_EVERY_SECONDS = 60


class SessionIdleTimeoutMiddleware:
    """Slide a signed-in session's expiry forward while it is used (it ends after SESSION_IDLE_MINUTES without one).

    SESSION_COOKIE_AGE is the idle timeout, and the session store drops a session at its expiry date.
    Django renews that date only when the session is saved, so touch it at most once a minute.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and SESSION_KEY in session:
            now = int(time.time())
            if now - session.get(SEEN_KEY, 0) >= min(TOUCH_EVERY_SECONDS, settings.SESSION_COOKIE_AGE // 2):
                session[SEEN_KEY] = now
        return self.get_response(request)


def mark_login(sender, request, user, **kwargs):
    """user_logged_in: the login has just saved the session, so the first pages after it need not."""
    if getattr(request, "session", None) is not None:
        request.session[SEEN_KEY] = int(time.time())


NUL = "\x00"


class NulCharacterMiddleware:
    """A NUL character in the address (literal or %00) answers 400 with a page in the reader's language.

    PostgreSQL refuses a NUL in any text it is sent, so a view that hands the path or a query parameter to
    a query would answer 500; no address of the site has one. Forms refuse a NUL in what is typed with their
    own message and keep the rest of the text, so POST bodies are left to them. A cookie with a NUL is not
    one this site set (the session cookie would reach a query): it is dropped, the request goes on without it.

    Placed before the sessions and the locale middleware, so nothing has read the session yet; the page is
    therefore rendered in the language chosen from the request here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        forged = sorted(name for name, value in request.COOKIES.items() if NUL in name or NUL in value)
        if forged:
            for name in forged:
                del request.COOKIES[name]
            security.log_event("request.nul_cookie", cookies=forged, **security.request_fields(request))
        where = self._nul_in_address(request)
        if where:
            security.log_event("request.nul_refused", where=where, **security.request_fields(request))
            return self.refuse(request)
        return self.get_response(request)

    @staticmethod
    def _nul_in_address(request) -> str:
        if NUL in request.path or NUL in request.path_info:
            return "path"
        if NUL in request.META.get("QUERY_STRING", "") or any(
            NUL in key or any(NUL in value for value in values) for key, values in request.GET.lists()
        ):
            return "query"
        return ""

    @staticmethod
    def refuse(request):
        language = translation.get_language_from_request(request)
        with translation.override(language):
            response = HttpResponseBadRequest(render_to_string("400_nul.html"))
        response["Content-Language"] = language
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        # Answered before the CSP and clickjacking middleware: the same protection, for a page with no script.
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'"
        response["X-Frame-Options"] = "DENY"
        return response
