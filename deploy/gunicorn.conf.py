"""gunicorn settings for Pioneer Post: `gunicorn -c deploy/gunicorn.conf.py pioneer.wsgi`.

Everything can be changed from the environment; see the README's "Production deployment".
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "4"))
# The default 30 s kills a large import preview mid-request with a bare "Internal Server Error".
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
# Access log to stdout, minus the vote and the health check (pioneer/logfilters.py says why).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
logger_class = "pioneer.gunicorn_logging.PrivateAccessLogger"

# TLS at the app: give the certificate and key. Leave both unset when TLS ends at a proxy.
certfile = os.environ.get("TLS_CERTFILE") or None
keyfile = os.environ.get("TLS_KEYFILE") or None
