"""Settings for the test suite: production code paths, fast hashing, plain static storage."""

import os

os.environ.setdefault("DEBUG", "1")

from pioneer.settings import *  # noqa: E402,F403
from pioneer.settings import STORAGES  # noqa: E402

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
# Each test process gets its own in-memory cache so rate limits never leak between tests.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
AXES_ENABLED = True
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

# Uploads of a test run go to throwaway folders, never into the project.
import tempfile  # noqa: E402

MEDIA_ROOT = tempfile.mkdtemp(prefix="pioneer-media-")
STORAGES["private"] = {**STORAGES["private"], "OPTIONS": {**STORAGES["private"]["OPTIONS"], "location": tempfile.mkdtemp(prefix="pioneer-private-")}}

# django-axes says every login and logout at INFO; in a test run that buries the failures it reports.
LOGGING = {**LOGGING, "loggers": {**LOGGING["loggers"], "axes": {"level": "WARNING"}}}  # noqa: F405

# A crispy layout that names a field the form lacks (or renders one twice) fails the test instead of logging a warning.
CRISPY_FAIL_SILENTLY = False
