"""Signed-in sessions end after SESSION_IDLE_MINUTES without a request."""

import time

from django.conf import settings
from django.contrib.auth import SESSION_KEY

SEEN_KEY = "_pioneer_seen"
# Saving the session on every request would write the database each time; once a minute is precise enough.
TOUCH_EVERY_SECONDS = 60


class SessionIdleTimeoutMiddleware:
    """Slide a signed-in session's expiry forward while it is used.

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
