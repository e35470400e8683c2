"""gunicorn's access log without the requests `pioneer.logfilters` keeps out of every log."""

from gunicorn.glogging import Logger

from pioneer.logfilters import is_unlogged


class PrivateAccessLogger(Logger):
    def access(self, resp, req, environ, request_time):
        if is_unlogged(environ.get("PATH_INFO", "")):
            return
        super().access(resp, req, environ, request_time)
