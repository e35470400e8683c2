"""Settings for a Celery worker the tests start as a subprocess: the test run's database, media folder and broker.

The test process passes the name of pytest-django's test database (it is not the one in DATABASE_URL)
and its media folder, so the worker reads and writes exactly what the test sees.
"""

import os

from tests.settings import *  # noqa: F403
from tests.settings import DATABASES, PIONEER

DATABASES["default"]["NAME"] = os.environ["PIONEER_WORKER_DB_NAME"]
DATABASES["default"]["CONN_MAX_AGE"] = 0
MEDIA_ROOT = os.environ["PIONEER_WORKER_MEDIA_ROOT"]

CELERY_BROKER_URL = os.environ["CELERY_BROKER_URL"]
CELERY_TASK_ALWAYS_EAGER = False
CELERY_IMPORTS = ["tests.jobs.kinds"]
# Short timeouts so a killed worker's job comes back within seconds, not the production quarter hour.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("PIONEER_WORKER_VISIBILITY_TIMEOUT", "3")),
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
PIONEER = {**PIONEER, "JOB_STALE_SECONDS": int(os.environ.get("PIONEER_WORKER_STALE_SECONDS", "2"))}
