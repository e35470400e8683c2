"""Settings for Pioneer Post, read from the environment.

Development needs nothing set: SQLite in the project folder, DEBUG on.
`make run` sets LOCAL_DEMO=1: DEBUG off, so visitors see the site's own pages (never a traceback
or a list of URLs), but only on this computer, over plain HTTP, with the development key.
Production sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL (PostgreSQL)
and CACHE_URL (Redis); the app refuses to start with a weak configuration.
"""

from pathlib import Path

from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from pioneer import env, ratelimits

BASE_DIR = Path(__file__).resolve().parent.parent

LOCAL_DEMO = env.get_bool("LOCAL_DEMO", False)
DEBUG = env.get_bool("DEBUG", default=not LOCAL_DEMO)
# Production: neither a developer's DEBUG nor the loopback demo.
PRODUCTION = not DEBUG and not LOCAL_DEMO

_DEV_SECRET = "django-insecure-development-only-key-never-use-in-production-7d1f"
_LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
SECRET_KEY = env.get_str("SECRET_KEY", default="" if PRODUCTION else _DEV_SECRET)
ALLOWED_HOSTS = env.get_list("ALLOWED_HOSTS", default="" if PRODUCTION else "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env.get_list("CSRF_TRUSTED_ORIGINS")

if LOCAL_DEMO and not set(ALLOWED_HOSTS) <= _LOOPBACK:
    # The demo runs with the published development key: it must not answer to any other host name.
    raise ImproperlyConfigured("LOCAL_DEMO serves this computer only: ALLOWED_HOSTS may name only 127.0.0.1, localhost and ::1.")
if PRODUCTION:
    env.check_secret_key(SECRET_KEY)
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must name this site's host names when DEBUG is off.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "simple_history",
    "axes",
    "csp",
    "members",
    "posts",
    "evaluation",
    "pioneer.apps.PioneerConfig",
]

MIDDLEWARE = [
    # First: the load balancer's /healthz answers before host checks, redirects, sessions and limits.
    "pioneer.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the sessions: a NUL in the address is a 400, and a cookie with one never reaches the session store.
    "pioneer.middleware.NulCharacterMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "pioneer.middleware.SessionIdleTimeoutMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Any view that blocks on a rate limit answers 429 with a page in the user's language.
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Last, so that a locked-out login answers before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pioneer.urls"
WSGI_APPLICATION = "pioneer.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "members.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": env.parse_database_url(
        env.get_str("DATABASE_URL", default="sqlite:///db.sqlite3"), BASE_DIR
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_cache_url = env.get_str("CACHE_URL", default="")
CACHES = {
    "default": env.parse_cache_url(_cache_url)
    if _cache_url
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pioneer"}
}
# Sessions live in the database, so any app server behind a load balancer can serve any request.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# A signed-in session ends after this many minutes without a request (pioneer.middleware slides it).
SESSION_IDLE_MINUTES = env.get_int("SESSION_IDLE_MINUTES", 30)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
# A form that fails its CSRF check (usually one left open too long) gets a page in the user's language.
CSRF_FAILURE_VIEW = "pioneer.views.csrf_failure"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Brute-force protection: 5 failures for one username from one address lock it for 30 minutes.
AXES_FAILURE_LIMIT = env.get_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env.get_int("AXES_COOLOFF_MINUTES", 30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind a load balancer, client addresses come from its X-Forwarded-For header.
BEHIND_PROXY = env.get_bool("BEHIND_PROXY", False)
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if BEHIND_PROXY else ["REMOTE_ADDR"]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
# Django 5.2's zh_Hans input formats reject "2026年3月5日"; ours accept it and ISO dates.
FORMAT_MODULE_PATH = ["pioneer.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.get_str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    # Uploads go to a configurable storage; point MEDIA_ROOT at shared storage
    # (or swap the backend) when several app servers run.
    "default": {"BACKEND": env.get_str("FILE_STORAGE", "django.core.files.storage.FileSystemStorage")},
    # Files only signed-in users with access may read (quarterly evidence): never under MEDIA_URL,
    # served through views that check access. Point it at shared storage with several app servers.
    "private": {
        "BACKEND": env.get_str("PRIVATE_FILE_STORAGE", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": {"location": env.get_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")), "base_url": "/private-media-not-served/"},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Folders of the default storage anyone may fetch (pioneer.views.public_media); everything else in it,
# such as Excel uploads waiting for confirmation, is never served.
PUBLIC_MEDIA_FOLDERS = ["markers"]
PUBLIC_MEDIA_MAX_AGE = env.get_int("PUBLIC_MEDIA_MAX_AGE", 60 * 60 * 24 * 30)
if LOCAL_DEMO:
    # The demo serves static files through WhiteNoise straight from the source folders: no collectstatic.
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = True
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Content-Security-Policy: nothing from outside this site; scripts and styles only
# from our static files or with the per-request nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Rate limits for public forms live in the shared cache (Redis in production). Each is a count per
# address and period, overridable as RATELIMIT_<NAME>, e.g. RATELIMIT_VOTE_FAILED=10/m (README's table).
RATELIMITS = {name: env.get_rate(f"RATELIMIT_{name.upper()}", default) for name, default in ratelimits.DEFAULTS.items()}
RATELIMIT_VIEW = "members.views.rate_limited"
RATELIMIT_IP_META_KEY = "pioneer.net.client_ip"
SILENCED_SYSTEM_CHECKS = []
if not _cache_url:
    # The local-memory cache is per process: fine for one development server.
    SILENCED_SYSTEM_CHECKS += ["django_ratelimit.E003", "django_ratelimit.W001"]

IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# Admin exports escape cells Excel would run as formulas, like our own exports (pioneer/excel.py).
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.CacheStorage" if _cache_url else "import_export.tmp_storages.MediaStorage"

PAGINATE_BY = 25

if PRODUCTION:
    # Two setups (README): TLS at the app (gunicorn's certfile), or TLS ending at a proxy that sets
    # X-Forwarded-Proto. The header is trusted only behind a proxy, which overwrites whatever a client sent.
    SECURE_SSL_REDIRECT = env.get_bool("SECURE_SSL_REDIRECT", True)
    if BEHIND_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
        if not SECURE_SSL_REDIRECT:
            # The proxy redirects plain HTTP to HTTPS itself, so the app never sees it: W008 ("no
            # SSL redirect") does not apply. HSTS still goes out, on the requests the proxy marks https.
            SILENCED_SYSTEM_CHECKS += ["security.W008"]
    elif not SECURE_SSL_REDIRECT:
        raise ImproperlyConfigured("SECURE_SSL_REDIRECT=0 needs TLS at a proxy: set BEHIND_PROXY=1 and let the proxy redirect to HTTPS.")
    SECURE_HSTS_SECONDS = env.get_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # The vote's requests never reach a log, nor do the health checks (pioneer/logfilters.py says why).
    "filters": {"unlogged_paths": {"()": "pioneer.logfilters.DropUnloggedPaths"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["unlogged_paths"]}},
    "root": {"handlers": ["console"], "level": env.get_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own request and runserver loggers go through the filtered handler too.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "INFO"},
        # Lockouts, refused access, imports, adjustments, plaque decisions (pioneer/security.py).
        "pioneer.security": {"level": "INFO"},
    },
}

PIONEER = {
    # How many working days a publication stays open for objections.
    "NOTICE_WORKING_DAYS": env.get_int("NOTICE_WORKING_DAYS", 5),
    # How many working days a unit has to answer feedback.
    "FEEDBACK_RESPONSE_WORKING_DAYS": env.get_int("FEEDBACK_RESPONSE_WORKING_DAYS", 5),
    # Finished jobs' result files are deleted after this many days (the job row stays).
    "JOB_FILES_KEEP_DAYS": env.get_int("JOB_FILES_KEEP_DAYS", 7),
    # A running job whose progress has not moved for this long is taken to be dead and may be resumed.
    "JOB_STALE_SECONDS": env.get_int("JOB_STALE_SECONDS", 120),
}

# Background work (Celery). With no broker every task runs in the process that sends it, so
# `make run` and the tests need no other service; production sets CELERY_BROKER_URL (Redis).
CELERY_BROKER_URL = env.get_str("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_DEFAULT_QUEUE = env.get_str("CELERY_QUEUE", "pioneer")
# Jobs keep their outcome in the Job row; Celery's result backend is not used.
CELERY_TASK_IGNORE_RESULT = True
# A job is acknowledged only when it has run, so a worker killed mid-job leaves it to be delivered again.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Redis hands an unacknowledged job to another worker after this many seconds; a job still
# running elsewhere then waits (its progress is fresh), so this bounds how long a dead worker's job waits.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.get_int("CELERY_VISIBILITY_TIMEOUT", 900)}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "confirm-publications": {"task": "posts.confirm_due_publications", "schedule": crontab(hour=0, minute=30)},
    "remind-feedback-deadlines": {"task": "posts.remind_feedback_deadlines", "schedule": crontab(hour="8,14", minute=0)},
    "clean-files": {"task": "members.jobs.clean_files", "schedule": crontab(hour=3, minute=0)},
}
_("Pioneer Post")
AXES_VERBOSE = False
