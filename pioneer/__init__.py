# Loaded with Django so that shared tasks bind to this project's Celery app.
from pioneer.celery import app as celery_app

__all__ = ("celery_app",)
