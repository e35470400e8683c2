"""The Celery app: configured from Django's settings (names starting CELERY_), tasks found in each app's `tasks` module.

With no broker configured (the default) every task runs in the process that sends it, so the
product needs no other service; production sets CELERY_BROKER_URL and starts workers and beat.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pioneer.settings")

app = Celery("pioneer")
app.config_from_object("django.conf:settings", namespace="CELERY")


def _task_packages():
    from django.conf import settings

    # The floor's job runner lives in a sub-package of members, which autodiscovery would not look into.
    return [*settings.INSTALLED_APPS, "members.jobs"]


app.autodiscover_tasks(_task_packages)
