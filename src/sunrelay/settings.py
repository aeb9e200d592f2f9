"""Django settings, read from environment variables with safe defaults.

Every variable is listed in docs/configuration.md; `sunrelay check` explains bad values.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import dj_database_url

from sunrelay.lib.env import ConfigError, envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parents[2]
DATA_DIR = Path(envstr("SUNRELAY_DATA_DIR", str(BASE_DIR / "var")))

# Problems found while reading the environment; `sunrelay check` reports them,
# the server refuses to start with any of them.
CONFIG_ERRORS: list[str] = []


def _secret_key() -> str:
    configured = envstr("SUNRELAY_SECRET_KEY")
    if configured:
        if len(configured) < 32:
            CONFIG_ERRORS.append("SUNRELAY_SECRET_KEY is shorter than 32 characters.")
        return configured
    # Zero set-up: a random key generated once and kept beside the database.
    path = DATA_DIR / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    try:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        path.write_text(key)
        path.chmod(0o600)
        return key
    except OSError as exc:
        CONFIG_ERRORS.append(f"Cannot write a secret key to {path}: {exc.strerror}.")
        return secrets.token_urlsafe(50)


def _safe(reader, name, default):
    try:
        return reader(name, default)
    except ConfigError as exc:
        CONFIG_ERRORS.append(str(exc))
        return default


SUPPORTED_ENGINES = ("django.db.backends.sqlite3", "django.db.backends.postgresql")


def _database() -> dict:
    default_url = f"sqlite:///{DATA_DIR / 'sunrelay.sqlite3'}"
    url = envstr("DATABASE_URL") or default_url
    try:
        config = dj_database_url.parse(url)
    except (ValueError, dj_database_url.UnknownSchemeError):
        CONFIG_ERRORS.append(
            f"DATABASE_URL {url.split('@')[-1]!r} is not a database URL; use "
            "sqlite:///PATH or postgres://USER:PASSWORD@HOST:PORT/NAME."
        )
        config = dj_database_url.parse(default_url)
    if config["ENGINE"] not in SUPPORTED_ENGINES:
        CONFIG_ERRORS.append(
            f"DATABASE_URL points at {config['ENGINE'].rsplit('.', 1)[-1]}; "
            "Sunrelay supports sqlite:///PATH and postgres://USER:PASSWORD@HOST:PORT/NAME."
        )
        config = dj_database_url.parse(default_url)  # lets `sunrelay check` run and explain
    engine = config["ENGINE"]
    if engine == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            # WAL lets the web server read while the worker writes; IMMEDIATE takes
            # the write lock at BEGIN so concurrent writers wait instead of failing.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
        if config["NAME"] and config["NAME"] != ":memory:":
            Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    else:
        config["CONN_MAX_AGE"] = 60
        config["CONN_HEALTH_CHECKS"] = True
    config.setdefault("TEST", {})
    return config


SECRET_KEY = _secret_key()
DEBUG = _safe(envbool, "SUNRELAY_DEBUG", False)
ALLOWED_HOSTS = _safe(envlist, "SUNRELAY_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = _safe(envlist, "SUNRELAY_CSRF_TRUSTED_ORIGINS", [])
PORT = _safe(envint, "SUNRELAY_PORT", 8000)
BASE_URL = envstr("SUNRELAY_BASE_URL", f"http://127.0.0.1:{PORT}")

INSTALLED_APPS = [
    "sunrelay.web",
    "sunrelay.team",
    "sunrelay.accounts",
    "sunrelay.desk",
    "sunrelay.api",
    "sunrelay.demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "sunrelay.urls"
WSGI_APPLICATION = "sunrelay.wsgi.application"

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

DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "/admin/login/"

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every request otherwise
WHITENOISE_USE_FINDERS = True  # serve straight from the apps; `collectstatic` optional

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = _safe(envbool, "SUNRELAY_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": envstr("SUNRELAY_LOG_LEVEL", "INFO")},
}
