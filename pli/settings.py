"""Settings of the PLI platform, read from the environment (see .env.example)."""

from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from pli.env import (
    env_bool,
    env_cache,
    env_database,
    env_email,
    env_float,
    env_int,
    env_json_object,
    env_list,
    env_networks,
    env_path,
    env_str,
    secret_key,
)
from pli.logs import logging_config
from pli.sentry import init as sentry_init

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = env_path("PLI_VAR_DIR", BASE_DIR / "var")

PLI_ENVIRONMENT = env_str("PLI_ENVIRONMENT", "development")
if PLI_ENVIRONMENT not in {"development", "demo", "production", "test"}:
    raise ImproperlyConfigured(
        f"PLI_ENVIRONMENT={PLI_ENVIRONMENT!r} is unknown (use development, demo or production)."
    )
PRODUCTION = PLI_ENVIRONMENT == "production"
DEMO = PLI_ENVIRONMENT == "demo"

SECRET_KEY = secret_key(PRODUCTION, VAR_DIR)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "accounts",
    "jobs",
    "vocabulary",
    "notifications",
    "territory",
    "network",
    "diagnostic",
    "plan",
    "expertise",
    "advocacy",
    "reports",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_otp",
    "ninja",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "pli",
]

MIDDLEWARE = [
    "pli.logs.RequestIdMiddleware",  # first: every log line of a request carries its id
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "pli.middleware.HtmxVaryMiddleware",
    "pli.middleware.MethodNotAllowedPageMiddleware",  # a French page for a form's address opened by GET
    "axes.middleware.AxesMiddleware",  # answers a locked-out login with the login page, 429
]

ROOT_URLCONF = "pli.urls"
WSGI_APPLICATION = "pli.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pli.context_processors.platform",
            ],
        },
    },
]

# Django's form templates, with the select boxes written in Python (pli/form_renderer.py).
FORM_RENDERER = "pli.form_renderer.FormRenderer"

DATABASES = {"default": env_database("DATABASE_URL", VAR_DIR / "pli.sqlite3")}
# The cache: local memory in each process by default; several instances share Redis
# (CACHE_URL=redis://127.0.0.1:6379/0), so that sessions' throttles and computed figures are common.
CACHES = {"default": env_cache("CACHE_URL")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Long work (documents, statistics uploads) runs as Django tasks (the django-tasks backport on 5.2).
# By default in the database (django-tasks-db): `pli db_worker` runs them, beside the server (`make run`
# starts both). The same task code runs on another backend (RQ, Celery) named by PLI_TASKS_BACKEND.
TASKS = {
    "default": {
        "BACKEND": env_str("PLI_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# A task still waiting after this many seconds: its page says the worker does not seem to run.
PLI_WORKER_WAIT_SECONDS = env_int("PLI_WORKER_WAIT_SECONDS", 10, minimum=1)
# GET /health/ fails (503) when the oldest ready task has waited longer than this (seconds).
PLI_HEALTH_MAX_TASK_LAG = env_int("PLI_HEALTH_MAX_TASK_LAG", 300, minimum=1)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a login while its e-mail and address are locked out
    # Django's model backend, reading the user's second factor with the user (one query, not three).
    "accounts.backends.UserBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Two-factor authentication: required for administrators and coordinators, except in the demo.
PLI_REQUIRE_2FA = env_bool("PLI_REQUIRE_2FA", not DEMO)
OTP_TOTP_ISSUER = "Plateforme PLI"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Login lockout (django-axes): LOGIN_MAX_FAILURES wrong passwords for one e-mail address from one
# client address lock that pair out for LOGIN_LOCKOUT_MINUTES; the owner, from another address, still
# logs in, so a stranger who knows an e-mail cannot keep its owner out. One client address that fails
# LOGIN_MAX_FAILURES × 4 times over any e-mails is paused as well (accounts.forms).
LOGIN_MAX_FAILURES = env_int("LOGIN_MAX_FAILURES", 5, minimum=1)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15, minimum=1)
# The reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated); by
# default the local machine, where the README's proxy runs. Anybody else's header is ignored.
PLI_TRUSTED_PROXIES = env_networks("PLI_TRUSTED_PROXIES", ["127.0.0.1", "::1"])
AXES_FAILURE_LIMIT = LOGIN_MAX_FAILURES
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # a lockout ends LOGIN_LOCKOUT_MINUTES after it began
AXES_CLIENT_IP_CALLABLE = "accounts.client_ip.client_ip"
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "accounts.client_ip.login_username"
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_DISABLE_ACCESS_LOG = True  # successful logins are in the audit log already
AXES_VERBOSE = False
# Password-reset e-mails: at most this many an hour for one e-mail address, and ten times as many for
# one client address.
PLI_PASSWORD_RESETS_PER_HOUR = env_int("PLI_PASSWORD_RESETS_PER_HOUR", 3, minimum=1)

LANGUAGE_CODE = "fr-be"
LANGUAGES = [("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["pli.formats"]  # refinements of Django's number and date formats per language
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
if not PRODUCTION:  # WhiteNoise warns about a missing folder; in production collectstatic makes it.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "media/"
# Uploaded files: a folder by default (PLI_MEDIA_ROOT, shared by the application hosts over NFS when
# there are several), or any Django storage, e.g. an S3-compatible service through django-storages:
# PLI_STORAGE_BACKEND=storages.backends.s3.S3Storage and PLI_STORAGE_OPTIONS='{"bucket_name": …}'
# (docs/operations.md).
MEDIA_ROOT = env_path("PLI_MEDIA_ROOT", VAR_DIR / "media")
STORAGES = {
    "default": {
        "BACKEND": env_str("PLI_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": env_json_object("PLI_STORAGE_OPTIONS"),
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

# E-mail (every message goes through the outbox, notifications/): EMAIL_URL, or EMAIL_BACKEND and
# EMAIL_HOST…; printed on the console unless set (the demo), in memory in tests, SMTP in production
# (pli.E004 refuses to start production without it).
_email = env_email("EMAIL_URL")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"]
EMAIL_PORT = _email["EMAIL_PORT"]
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
EMAIL_TIMEOUT = _email["EMAIL_TIMEOUT"]
if "EMAIL_FILE_PATH" in _email:
    EMAIL_FILE_PATH = _email["EMAIL_FILE_PATH"]
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "pli@localhost")

# Notifications (the outbox, see notifications/services.py). Links in messages start with PLI_BASE_URL
# (the address the platform is served under); a failed send is tried again after
# PLI_NOTIFICATION_RETRY_MINUTES, doubling each time, at most PLI_NOTIFICATION_MAX_ATTEMPTS times; the
# daily digests go from PLI_DIGEST_HOUR (local time), at the first `pli remind` after it.
PLI_BASE_URL = env_str("PLI_BASE_URL", "http://localhost:8000")
PLI_NOTIFICATION_MAX_ATTEMPTS = env_int("PLI_NOTIFICATION_MAX_ATTEMPTS", 5, minimum=1)
PLI_NOTIFICATION_RETRY_MINUTES = env_int("PLI_NOTIFICATION_RETRY_MINUTES", 5, minimum=1)
PLI_DIGEST_HOUR = env_int("PLI_DIGEST_HOUR", 7, minimum=0)
# Reminders sent by `pli remind`: a decision coming due this many days ahead, to whoever follows it
# up; a recommendation without a progress update for this many days, to the partners that carry it.
PLI_DECISION_REMINDER_DAYS = env_int("PLI_DECISION_REMINDER_DAYS", 7, minimum=0)
PLI_PROGRESS_REMINDER_DAYS = env_int("PLI_PROGRESS_REMINDER_DAYS", 90, minimum=1)
if PLI_DIGEST_HOUR > 23:
    raise ImproperlyConfigured(f"PLI_DIGEST_HOUR={PLI_DIGEST_HOUR} must be an hour, 0 to 23.")

# Content-Security-Policy (django-csp): pages run only the platform's own scripts and stylesheets,
# from its own address; no inline script, no inline style attribute, no CDN, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Database sessions, read through a prepared query (accounts/sessions.py).
SESSION_ENGINE = "accounts.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0, minimum=0)

# Open data: a local mirror of the official files (no network needed), or a download cache.
PLI_DATA_DIR = env_path("PLI_DATA_DIR")
PLI_CACHE_DIR = env_path("PLI_CACHE_DIR", VAR_DIR / "data-cache")
PLI_WORKING_TERRITORY = env_str("PLI_WORKING_TERRITORY", "90000")
# Seconds during which a process trusts its last reading of the statistics' version (see territory.queries).
PLI_DATA_VERSION_TTL = 1.0
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
PLI_IMPORT_MAX_UPLOAD_MB = env_int("PLI_IMPORT_MAX_UPLOAD_MB", 50, minimum=1)
# What a file may hold once unpacked (gzip, zip, xlsx): the largest real file, Statbel's structure file
# of 2015, unpacks to 102 MB. Decompression is streamed and stops here, so memory stays bounded.
PLI_IMPORT_MAX_UNPACKED_MB = env_int("PLI_IMPORT_MAX_UNPACKED_MB", 200, minimum=1)
# Rows of a tidy indicators CSV uploaded through the page: more would not finish within the server's
# timeout (see docs/performance.md); the command line `pli import indicators` has no such limit.
PLI_IMPORT_MAX_ROWS = env_int("PLI_IMPORT_MAX_ROWS", 100_000, minimum=1)
# A plan's progress sheet (one row per recommendation): uploaded or, if compressed, once unpacked.
PLI_PROGRESS_SHEET_MAX_MB = env_int("PLI_PROGRESS_SHEET_MAX_MB", 5, minimum=1)

# The JSON API: the most items one page of a list gives (?limit=), and how long a personal API token
# may live (days; chosen when it is created, 90 by default).
PLI_API_MAX_LIMIT = env_int("PLI_API_MAX_LIMIT", 500, minimum=1)
PLI_API_TOKEN_MAX_DAYS = env_int("PLI_API_TOKEN_MAX_DAYS", 365, minimum=1)

# Logs (pli/logs.py): PLI_LOG_FORMAT=json for one JSON object per line, text otherwise; every line has
# the request id (X-Request-ID). PLI_LOG_REQUESTS=1 adds one line per request with its duration.
PLI_LOG_FORMAT = env_str("PLI_LOG_FORMAT", "text")
if PLI_LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured(f"PLI_LOG_FORMAT={PLI_LOG_FORMAT!r} is unknown (use text or json).")
LOGGING = logging_config(PLI_LOG_FORMAT, env_str("LOG_LEVEL", "INFO"), env_bool("PLI_LOG_REQUESTS", False))
# What this deployment runs (a git tag or commit), shown by /health/ and sent to Sentry.
PLI_RELEASE = env_str("PLI_RELEASE")
# Errors to Sentry (pli/sentry.py: nothing personal is sent) when SENTRY_DSN is set.
SENTRY_DSN = env_str("SENTRY_DSN")
if SENTRY_DSN:
    sentry_init(
        SENTRY_DSN, PLI_ENVIRONMENT, PLI_RELEASE, env_float("SENTRY_TRACES_SAMPLE_RATE", 0.0, minimum=0)
    )

# A finding's statistical evidence is flagged "à réexaminer" when today's value moved this much:
# relative change for counts (0.10 = 10 %), points of percentage for shares.
PLI_EVIDENCE_RELATIVE_THRESHOLD = env_float("PLI_EVIDENCE_RELATIVE_THRESHOLD", 0.10, minimum=0)
PLI_EVIDENCE_POINTS_THRESHOLD = env_float("PLI_EVIDENCE_POINTS_THRESHOLD", 1.0, minimum=0)
# An alert without any reaction this many days after it emerged shows on the watch board and in "à faire".
PLI_ALERT_REACTION_DAYS = env_int("PLI_ALERT_REACTION_DAYS", 7, minimum=1)
