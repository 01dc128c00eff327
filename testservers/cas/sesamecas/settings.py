"""Settings of the test CAS server. Only for tests on loopback: never deploy this.

Environment:
  SESAME_CAS_DB_DIR      (required) directory for the SQLite database, e.g. a mktemp -d
  SESAME_CAS_SECRET_KEY  (optional) Django's SECRET_KEY; a random one per process otherwise
                         (the server is a single process, so sessions still hold)
  SESAME_CAS_TICKET_VALIDITY  (optional) lifetime of a service ticket in seconds, default 60
"""
import os
import secrets
from pathlib import Path

import xstatic.pkg.bootstrap
import xstatic.pkg.jquery
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

try:
    DB_DIR = os.environ["SESAME_CAS_DB_DIR"]
except KeyError:
    raise ImproperlyConfigured("SESAME_CAS_DB_DIR must name a directory for the SQLite database")

SECRET_KEY = os.environ.get("SESAME_CAS_SECRET_KEY") or secrets.token_urlsafe(50)
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "cas_server",
    "sesamecas",
]

MIDDLEWARE = [
    "sesamecas.middleware.access_log",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "sesamecas.urls"
WSGI_APPLICATION = "sesamecas.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.path.join(DB_DIR, "cas.sqlite3"),
        "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The users are sesamecas.CasUser: Django users whose CAS attributes are a JSON dict.
AUTH_USER_MODEL = "sesamecas.CasUser"
# Test fixtures with published passwords: a fast hasher keeps logins and the setup quick
# (Django's default PBKDF2 costs most of a second of CPU per password).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Fixed language (no LocaleMiddleware): the pages are the same whatever the browser asks.
LANGUAGE_CODE = "fr"
USE_I18N = True
TIME_ZONE = "Europe/Paris"
USE_TZ = True

# Static files (the package's CSS/JS/logo, jQuery and Bootstrap 4 from XStatic packages) are
# served by the app itself: see urls.py. Nothing is loaded from a CDN.
STATIC_URL = "/static/"
STATICFILES_DIRS = [
    ("jquery", xstatic.pkg.jquery.BASE_DIR),
    ("bootstrap", xstatic.pkg.bootstrap.BASE_DIR),
]

# The CAS shares the host 127.0.0.1 with the application under test (cookies ignore the
# port): cookie names of its own so that neither side reads the other's.
SESSION_COOKIE_NAME = "cas_sessionid"
CSRF_COOKIE_NAME = "cas_csrftoken"
LANGUAGE_COOKIE_NAME = "cas_language"

# --- django-cas-server (defaults in cas_server/default_settings.py) ---
CAS_AUTH_CLASS = "sesamecas.auth.CasUserAuth"
# Seconds between the issue of a service ticket and its validation by the service (the
# package's default is 60 too; a test of expired tickets can shorten it).
CAS_TICKET_VALIDITY = int(os.environ.get("SESAME_CAS_TICKET_VALIDITY") or 60)
# No look-up of the latest version on PyPI, at each page or by mail.
CAS_NEW_VERSION_HTML_WARNING = False
CAS_NEW_VERSION_EMAIL_WARNING = False
CAS_SHOW_POWERED = False
CAS_INFO_MESSAGES_ORDER = []
CAS_COMPONENT_URLS = {
    "bootstrap4_css": STATIC_URL + "bootstrap/css/bootstrap.min.css",
    "bootstrap4_js": STATIC_URL + "bootstrap/js/bootstrap.bundle.min.js",
    "jquery": STATIC_URL + "jquery/jquery.min.js",
    # Only the bs4 templates are used; no CDN address is left in the settings.
    "bootstrap3_css": "",
    "bootstrap3_js": "",
    "html5shiv": "",
    "respond": "",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {
        "cas_server": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "sesamecas": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "waitress": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "django": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
    },
}
