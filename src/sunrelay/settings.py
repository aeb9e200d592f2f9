"""Django settings, read from environment variables with safe defaults.

Every variable is listed in docs/configuration.md; `sunrelay check` explains bad values.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path

from sunrelay.lib.database_config import database
from sunrelay.lib.env import ConfigError, envbool, envint, envlist, envstr
from sunrelay.lib.integrations_config import integrations
from sunrelay.lib.log_config import logging_config
from sunrelay.lib.report_config import report_schedule
from sunrelay.lib.slack_config import slack
from sunrelay.lib.sso_config import sso
from sunrelay.lib.storage_config import mail_storage

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


def _positive(name: str, default: int) -> int:
    value = _safe(envint, name, default)
    if value <= 0:
        CONFIG_ERRORS.append(f"{name} must be a positive whole number, not {value}.")
        return default
    return value


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
    "sunrelay.sla",
    "sunrelay.schedule",
    "sunrelay.paging",
    "sunrelay.mail",
    "sunrelay.api",
    # Pre-sales: opportunities, SE requests, engagements (docs/presales.md).
    "sunrelay.presales",
    "sunrelay.csat",
    "sunrelay.feedback",  # product feedback and themes (docs/feedback.md)
    # Customer health: telemetry, scorecards, explainable scores, alerts (docs/health.md).
    "sunrelay.health",
    "sunrelay.reports",
    "sunrelay.search",
    "sunrelay.kb",
    "sunrelay.portal",
    "sunrelay.qa",
    "sunrelay.notify",
    # Customer engineering: account teams, support context and requests (docs/success.md).
    "sunrelay.success",
    # Projects, sprints and hours (docs/projects.md).
    "sunrelay.projects",
    "sunrelay.integrations",  # issue trackers, webhooks, /metrics (docs/integrations.md)
    "sunrelay.sso",  # OpenID Connect log-in, password policy, SCIM (docs/sso.md)
    "sunrelay.moving",  # imports from Zendesk and django-helpdesk (docs/migrating.md)
    "sunrelay.slack",  # shared channels, shortcuts (docs/slack.md)
    "sunrelay.demo",
    # Serves the API docs' JavaScript and CSS from the package, not a CDN: works offline.
    "ninja",
    # Counts failed log-ins and bad API tokens in the database (sunrelay/web/throttle.py).
    "axes",
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
    "sunrelay.web.security.sliding_session",
    "sunrelay.web.security.content_security_policy",
    "sunrelay.web.views.method_not_allowed_as_json",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: swaps a refused log-in's page for the "try again in" page.
    "axes.middleware.AxesMiddleware",
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
                "sunrelay.web.context_processors.workspace",
            ],
        },
    },
]

DATABASES = {"default": database(DATA_DIR, CONFIG_ERRORS)}  # lib/database_config.py
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

FORM_RENDERER = "sunrelay.web.form_renderer.FormRenderer"  # widgets through Jinja2: faster

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# django-axes first: it refuses a throttled log-in before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "sunrelay.sso.backends.PasswordBackend",  # passwords, unless turned off (docs/sso.md)
]
SSO = sso(CONFIG_ERRORS)  # lib/sso_config.py: OpenID Connect, password log-in, SCIM
LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/desk/"
LOGOUT_REDIRECT_URL = "/login/"

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every request otherwise
WHITENOISE_USE_FINDERS = True  # serve straight from the apps; `collectstatic` optional


# Raw mail and attachments: local files or S3 (lib/storage_config.py; docs/configuration.md).
MAIL_STORAGE = mail_storage(DATA_DIR, CONFIG_ERRORS)
STORAGES = {
    "default": MAIL_STORAGE,
    "mail": MAIL_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


# HTTPS (docs/configuration.md, "Serving over HTTPS"): secure cookies, HSTS, and the header a
# TLS-terminating proxy sets to say a request came over HTTPS.
HTTPS = _safe(envbool, "SUNRELAY_HTTPS", False)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = _safe(envbool, "SUNRELAY_SECURE_COOKIES", HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = _safe(envint, "SUNRELAY_HSTS_SECONDS", 365 * 24 * 3600 if HTTPS else 0)
if SECURE_HSTS_SECONDS < 0:
    CONFIG_ERRORS.append(f"SUNRELAY_HSTS_SECONDS must be 0 or more, not {SECURE_HSTS_SECONDS}.")
    SECURE_HSTS_SECONDS = 0


def _proxy_ssl_header() -> tuple[str, str] | None:
    name = envstr("SUNRELAY_PROXY_SSL_HEADER").strip()
    if not name:
        return None
    if not all(part.isalnum() for part in name.split("-")):
        CONFIG_ERRORS.append(
            f"SUNRELAY_PROXY_SSL_HEADER {name!r} is not a header name such as X-Forwarded-Proto."
        )
        return None
    return ("HTTP_" + name.upper().replace("-", "_"), "https")


SECURE_PROXY_SSL_HEADER = _proxy_ssl_header()
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# Scripts only from our own files; sunrelay/web/security.py says why each rule is there.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# A session ends after this long without a request (sunrelay/web/security.py pushes it on).
SESSION_COOKIE_AGE = _positive("SUNRELAY_SESSION_HOURS", 12) * 3600
# An open queue asks for changes this often (web/static/web/live.js reads it from the page).
QUEUE_REFRESH_SECONDS = _positive("SUNRELAY_QUEUE_REFRESH_SECONDS", 20)

# Console logs, text or one JSON object a line (SUNRELAY_LOG_FORMAT), secrets blanked out.
LOGGING = logging_config(CONFIG_ERRORS)


# Log-in throttling (sunrelay/web/throttle.py, docs/configuration.md): per user name and per
# address, counted in the database so every process shares the counts.
AXES_FAILURE_LIMIT = _positive("SUNRELAY_LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=_positive("SUNRELAY_LOGIN_COOL_OFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = "sunrelay.web.throttle.lockout_parameters"
AXES_LOCKOUT_CALLABLE = "sunrelay.web.throttle.locked_out"
AXES_RESET_ON_SUCCESS = True
# Attempts while refused do not extend the wait: the minutes the page states stay true.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_VERBOSE = False  # one line per refused attempt is enough (django-axes' own logging)


# E-mail channel (docs/mail.md lists every variable). Passwords are read here and never logged.
MAIL_SUPPORT_ADDRESSES = [
    a.lower() for a in _safe(envlist, "SUNRELAY_SUPPORT_ADDRESSES", ["support@sunrelay.localhost"])
]
MAIL_SUPPORT_NAME = envstr("SUNRELAY_SUPPORT_NAME", "Support")
MAIL_SMTP_HOST = envstr("SUNRELAY_SMTP_HOST", "127.0.0.1")
MAIL_SMTP_PORT = _safe(envint, "SUNRELAY_SMTP_PORT", 2525)
MAIL_MAX_MESSAGE_BYTES = _safe(envint, "SUNRELAY_MAX_MESSAGE_BYTES", 25 * 1024 * 1024)
MAIL_MAX_ATTACHMENT_BYTES = _safe(envint, "SUNRELAY_MAX_ATTACHMENT_BYTES", 20 * 1024 * 1024)
MAIL_LOOP_MAX_MESSAGES = _safe(envint, "SUNRELAY_LOOP_MAX_MESSAGES", 20)
MAIL_LOOP_WINDOW_MINUTES = _safe(envint, "SUNRELAY_LOOP_WINDOW_MINUTES", 10)
MAIL_TICKET_TAG = envstr("SUNRELAY_TICKET_TAG", "[#{id}]")
MAIL_REOPEN_DAYS = _safe(envint, "SUNRELAY_REOPEN_DAYS", 30)
MAIL_QUARANTINE_RETENTION_DAYS = _safe(envint, "SUNRELAY_QUARANTINE_RETENTION_DAYS", 30)
MAIL_ACKNOWLEDGE = _safe(envbool, "SUNRELAY_MAIL_ACKNOWLEDGE", False)
MAIL_OUTBOX_MAX_ATTEMPTS = _safe(envint, "SUNRELAY_OUTBOX_MAX_ATTEMPTS", 8)
# Replies copy at most this many of a ticket's CCs; the rest stay recorded on the ticket.
MAIL_MAX_CC = _safe(envint, "SUNRELAY_MAX_CC", 20)
if MAIL_MAX_CC < 0:
    CONFIG_ERRORS.append(f"SUNRELAY_MAX_CC must be 0 or more, not {MAIL_MAX_CC}.")
    MAIL_MAX_CC = 20
# Outgoing relay; empty host: replies are written as .eml files under DATA_DIR/mail-out/.
MAIL_RELAY_TLS = envstr("SUNRELAY_SMTP_RELAY_TLS", "starttls").strip().lower()
MAIL_RELAY_HOST = envstr("SUNRELAY_SMTP_RELAY_HOST", "")
_RELAY_PORTS = {"ssl": 465, "starttls": 587}
MAIL_RELAY_PORT = _safe(envint, "SUNRELAY_SMTP_RELAY_PORT", _RELAY_PORTS.get(MAIL_RELAY_TLS, 25))
MAIL_RELAY_USER = envstr("SUNRELAY_SMTP_RELAY_USER", "")
MAIL_RELAY_PASSWORD = envstr("SUNRELAY_SMTP_RELAY_PASSWORD", "")
MAIL_OUT_DIR = DATA_DIR / "mail-out"
# Django's own mail (password resets) goes through the same relay.
EMAIL_HOST = MAIL_RELAY_HOST or "127.0.0.1"
EMAIL_PORT = MAIL_RELAY_PORT
EMAIL_HOST_USER = MAIL_RELAY_USER
EMAIL_HOST_PASSWORD = MAIL_RELAY_PASSWORD
EMAIL_USE_TLS = MAIL_RELAY_TLS == "starttls"
EMAIL_USE_SSL = MAIL_RELAY_TLS == "ssl"
DEFAULT_FROM_EMAIL = MAIL_SUPPORT_ADDRESSES[0] if MAIL_SUPPORT_ADDRESSES else "webmaster@localhost"
if not MAIL_RELAY_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(MAIL_OUT_DIR)
MAIL_IMAP_HOST = envstr("SUNRELAY_IMAP_HOST", "")
MAIL_IMAP_SECURITY = envstr("SUNRELAY_IMAP_SECURITY", "ssl").strip().lower()
MAIL_IMAP_PORT = _safe(envint, "SUNRELAY_IMAP_PORT", 993 if MAIL_IMAP_SECURITY == "ssl" else 143)
MAIL_IMAP_USER = envstr("SUNRELAY_IMAP_USER", "")
MAIL_IMAP_PASSWORD = envstr("SUNRELAY_IMAP_PASSWORD", "")
MAIL_IMAP_FOLDERS = _safe(envlist, "SUNRELAY_IMAP_FOLDERS", ["INBOX"])
MAIL_IMAP_PROCESSED_FOLDER = envstr("SUNRELAY_IMAP_PROCESSED_FOLDER", "")
MAIL_IMAP_POLL_SECONDS = _safe(envint, "SUNRELAY_IMAP_POLL_SECONDS", 60)


# How long a worker's claim on a job holds before another worker may take the job over
# (lib/leases.py): longer than one job can take, or a slow job is done twice; shorter, and a
# job whose worker died waits less.
MAIL_INBOUND_LEASE_SECONDS = _positive("SUNRELAY_INBOUND_LEASE_SECONDS", 5 * 60)
MAIL_OUTBOX_LEASE_SECONDS = _positive("SUNRELAY_OUTBOX_LEASE_SECONDS", 10 * 60)
PAGING_LEASE_SECONDS = _positive("SUNRELAY_PAGING_LEASE_SECONDS", 2 * 60)
PAGING_WEBHOOK_LEASE_SECONDS = _positive("SUNRELAY_WEBHOOK_LEASE_SECONDS", 2 * 60)


# Urgent paging (docs/oncall.md): which customers' words page, which SLA breaches page.
PAGING_URGENT_KEYWORDS = _safe(
    envlist, "SUNRELAY_URGENT_KEYWORDS", ["outage", "down", "production", "data loss", "urgent"]
)
PAGING_KEYWORD_TIERS = _safe(envlist, "SUNRELAY_URGENT_KEYWORD_TIERS", ["enterprise", "partner"])
PAGING_BREACH_TIERS = _safe(envlist, "SUNRELAY_PAGE_ON_BREACH_TIERS", ["enterprise"])
PAGING_ACK_LINK_HOURS = _safe(envint, "SUNRELAY_ACK_LINK_HOURS", 24)


# Reports (docs/metrics.md): the zone whose Mondays bound the weeks, the e-mails' weekday and
# hour, the fiscal year's first month (lib/report_config.py).
REPORT_TIME_ZONE, REPORT_WEEKDAY, REPORT_HOUR, REPORT_FISCAL_START_MONTH = report_schedule(
    CONFIG_ERRORS
)
REPORT_RECIPIENTS = _safe(envlist, "SUNRELAY_REPORT_RECIPIENTS", [])
REPORT_KEY_TIERS = _safe(envlist, "SUNRELAY_REPORT_KEY_TIERS", ["enterprise", "partner"])

# Knowledge (docs/knowledge.md): rerank similar tickets and suggested articles by meaning with
# a local sentence model, when the optional `embeddings` extra is installed.
SIMILAR_EMBEDDINGS = _safe(envbool, "SUNRELAY_SIMILAR_EMBEDDINGS", False)

# Side panels of the ticket page, loaded after it: URL names of views taking the ticket's id.
# Apps above the desk add theirs here; the desk knows only this list.
TICKET_PANELS = ["kb_ticket:panel", "csat_ticket:panel", "qa_ticket:panel"]
# Customer engineering (docs/success.md): the support context panel on the ticket page; each
# CE's band of accounts; the strategic segment by MRR share (0: the strategic flag only).
TICKET_PANELS += ["success_ticket:panel"]
# The ticket page's time (projects), the customer's words as feedback, the linked issue.
TICKET_PANELS += ["projects_ticket:panel", "feedback_ticket:panel", "integrations_ticket:panel"]
GITHUB_WEBHOOK_SECRET, GITLAB_WEBHOOK_TOKEN, METRICS_TOKEN, BUG_NOTICE_AUTO_SEND = integrations(
    CONFIG_ERRORS
)
# Slack's Web API; whether a shared channel makes its account strategic (docs/slack.md).
SLACK_API_URL, SLACK_MAX_ATTEMPTS, SLACK_SHARED_CHANNEL_STRATEGIC = slack(CONFIG_ERRORS)
CE_ACCOUNTS_LOW = _positive("SUNRELAY_CE_ACCOUNTS_LOW", 20)
CE_ACCOUNTS_HIGH = _positive("SUNRELAY_CE_ACCOUNTS_HIGH", 30)
STRATEGIC_MRR_SHARE = _safe(envint, "SUNRELAY_STRATEGIC_MRR_SHARE", 0)
# Customer satisfaction (docs/csat.md): a survey after each solve; days its links take answers.
CSAT_ENABLED = _safe(envbool, "SUNRELAY_CSAT", True)
CSAT_LINK_DAYS = _positive("SUNRELAY_CSAT_LINK_DAYS", 30)
# The Q&A-site channel (docs/channels.md): how often the worker imports each configured source.
QA_IMPORT_SECONDS = _positive("SUNRELAY_QA_IMPORT_SECONDS", 900)


# The customer portal and the web form (docs/portal.md).
def _frame_ancestors() -> list[str]:
    """Origins allowed to show the web form in a frame (CSP frame-ancestors), besides our own."""
    import re

    origins = _safe(envlist, "SUNRELAY_PORTAL_FRAME_ANCESTORS", [])
    pattern = re.compile(r"https?://(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:\d{1,5})?")
    bad = [o for o in origins if not pattern.fullmatch(o)]
    if bad:
        CONFIG_ERRORS.append(
            f"SUNRELAY_PORTAL_FRAME_ANCESTORS: {', '.join(map(repr, bad))} "
            f"{'is not an origin' if len(bad) == 1 else 'are not origins'} such as "
            "https://www.example.com (scheme and host, no path)."
        )
    return [o for o in origins if o not in bad]


PORTAL_LINK_MINUTES = _positive("SUNRELAY_PORTAL_LINK_MINUTES", 30)
PORTAL_CONFIRM_HOURS = _positive("SUNRELAY_PORTAL_CONFIRM_HOURS", 24)
PORTAL_SESSION_DAYS = _positive("SUNRELAY_PORTAL_SESSION_DAYS", 14)
PORTAL_LIMIT_PER_ADDRESS = _positive("SUNRELAY_PORTAL_LIMIT_PER_ADDRESS", 5)
PORTAL_LIMIT_PER_IP = _positive("SUNRELAY_PORTAL_LIMIT_PER_IP", 20)
PORTAL_FORM_MIN_SECONDS = _safe(envint, "SUNRELAY_PORTAL_FORM_MIN_SECONDS", 3)
if PORTAL_FORM_MIN_SECONDS < 0:
    CONFIG_ERRORS.append(
        f"SUNRELAY_PORTAL_FORM_MIN_SECONDS must be 0 or more, not {PORTAL_FORM_MIN_SECONDS}."
    )
    PORTAL_FORM_MIN_SECONDS = 3
PORTAL_FRAME_ANCESTORS = _frame_ancestors()
